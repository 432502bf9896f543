package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.model.Principal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An auditor's view of the published log: fetches the checkpoint, hash tiles and entry bundles over HTTP and verifies
 * them with a verifier written here from the C2SP specs alone (signed-note, tlog-checkpoint, tlog-tiles) and RFC 6962
 * — its own SHA-256 hashing, tile paths and note parsing, the JDK's Ed25519 — using none of Regent's audit classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlogTilesIndependentVerifierTest {
    private TestServer t;

    private static final String WITNESS = "witness.example/independent";
    private java.security.KeyPair witness;
    private String witnessKey;

    @BeforeAll
    void aLogOfMoreThanTwoTiles() throws Exception {
        // a witness key made here with the JDK, named in the configuration in the signed-note vkey form
        // name+hex(keyID)+base64(0x04 || key), keyID = SHA-256(name || 0x0A || 0x04 || key)[:4] (tlog-cosignature)
        witness = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] der = witness.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(der, der.length - 32, der.length);
        byte[] id = Arrays.copyOf(sha256(concat(WITNESS.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', 4}, raw)), 4);
        witnessKey = WITNESS + "+" + HexFormat.of().formatHex(id) + "+" + Base64.getEncoder().encodeToString(concat(new byte[] {4}, raw));
        t = TestServer.witnessed(dev.regent.core.audit.tree.Witnesses.parse(List.of(witnessKey)), null);
        t.store.inTransaction(tx -> {
            for (int i = 0; i < 600; i++) {
                tx.appendAudit(AuditEntry.draft(Instant.ofEpochMilli(1_700_000_000_000L + i), Principal.of("alice"),
                        AuditAction.MODEL_UPDATE, "model-" + (i % 7), AuditOutcome.APPLIED, "change " + i, null, null));
            }
            return null;
        });
        assertThat(t.post("/api/v1/audit/checkpoint", "admin", null).statusCode()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        t.close();
    }

    @Test
    void theCheckpointAndTilesVerifyWithoutRegentsCode() throws Exception {
        HttpResponse<byte[]> noteResponse = fetch("/audit/v1/checkpoint", "viewer");
        assertThat(noteResponse.statusCode()).isEqualTo(200);
        assertThat(noteResponse.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String note = new String(noteResponse.body(), StandardCharsets.UTF_8);
        String verifierKey = t.get("/api/v1/audit/key", "viewer").body().replaceAll("(?s).*\"verifier_key\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        // signed-note: body, blank line, signature lines "— <name> base64(keyID[4] || signature)"
        int split = note.indexOf("\n\n");
        String body = note.substring(0, split + 1);
        String[] keyParts = verifierKey.split("\\+", 3);
        String name = keyParts[0];
        byte[] keyBytes = Base64.getDecoder().decode(keyParts[2]);
        assertThat(keyBytes[0]).as("Ed25519 key type").isEqualTo((byte) 1);
        byte[] publicKey = Arrays.copyOfRange(keyBytes, 1, 33);
        byte[] keyId = Arrays.copyOf(sha256(concat(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', 1}, publicKey)), 4);
        assertThat(HexFormat.of().formatHex(keyId)).isEqualTo(keyParts[1]);
        boolean signed = false;
        for (String line : note.substring(split + 2).split("\n")) {
            String[] sig = line.split(" ");
            assertThat(sig[0]).isEqualTo("\u2014");
            byte[] raw = Base64.getDecoder().decode(sig[2]);
            if (sig[1].equals(name) && Arrays.equals(Arrays.copyOf(raw, 4), keyId)) {
                Signature ed = Signature.getInstance("Ed25519");
                ed.initVerify(ed25519(publicKey));
                ed.update(body.getBytes(StandardCharsets.UTF_8));
                signed = ed.verify(Arrays.copyOfRange(raw, 4, raw.length));
            }
        }
        assertThat(signed).as("a valid signature of " + name).isTrue();

        // tlog-checkpoint: origin, size, base64 root
        String[] lines = body.split("\n");
        assertThat(lines[0]).isEqualTo(name);
        long size = Long.parseLong(lines[1]);
        byte[] root = Base64.getDecoder().decode(lines[2]);
        assertThat(size).isGreaterThan(512);

        // tlog-tiles: every level-0 tile and entry bundle the tree of this size needs, full and partial
        List<byte[]> leaves = new ArrayList<>();
        for (long n = 0; n * 256 < size; n++) {
            int width = (int) Math.min(256, size - n * 256);
            HttpResponse<byte[]> tile = fetch("/audit/v1/tile/0/" + tilePath(n, width), "viewer");
            HttpResponse<byte[]> bundle = fetch("/audit/v1/tile/entries/" + tilePath(n, width), "viewer");
            assertThat(tile.statusCode()).as(tilePath(n, width)).isEqualTo(200);
            assertThat(bundle.statusCode()).isEqualTo(200);
            assertThat(tile.headers().firstValue("Cache-Control").orElse("")).as("full tiles never change")
                    .matches(width == 256 ? ".*immutable.*" : "^(?!.*immutable).*$");
            assertThat(tile.body()).hasSize(32 * width);
            List<byte[]> entries = bundleEntries(bundle.body());
            assertThat(entries).hasSize(width);
            for (int i = 0; i < width; i++) {
                byte[] leaf = sha256(concat(new byte[] {0}, entries.get(i)));
                assertThat(Arrays.copyOfRange(tile.body(), 32 * i, 32 * i + 32)).as("leaf " + (n * 256 + i)).isEqualTo(leaf);
                leaves.add(leaf);
            }
        }
        assertThat(new String(bundleEntries(fetch("/audit/v1/tile/entries/000", "viewer").body()).get(1), StandardCharsets.UTF_8))
                .startsWith("regent-audit/");

        // level 1: each hash is the root of one full level-0 tile
        int fullTiles = (int) (size / 256);
        HttpResponse<byte[]> level1 = fetch("/audit/v1/tile/1/" + tilePath(0, fullTiles), "viewer");
        assertThat(level1.statusCode()).isEqualTo(200);
        for (int n = 0; n < fullTiles; n++) {
            assertThat(Arrays.copyOfRange(level1.body(), 32 * n, 32 * n + 32))
                    .isEqualTo(mth(leaves.subList(n * 256, n * 256 + 256)));
        }
        assertThat(mth(leaves)).as("the root the checkpoint signed, recomputed from the published entries").isEqualTo(root);
    }

    /**
     * tlog-cosignature from the spec: the witness signs "cosignature/v1\ntime <t>\n" + the checkpoint body and sends
     * the line "— <name> base64(keyID[4] || u64 big-endian t || Ed25519 signature[64])"; the published checkpoint then
     * carries it after the log's signature, and it verifies with nothing but the witness's vkey.
     */
    @Test
    void aWitnessCosignatureIsPublishedWithTheCheckpointAndVerifiesFromTheSpec() throws Exception {
        String note = new String(fetch("/audit/v1/checkpoint", "viewer").body(), StandardCharsets.UTF_8);
        String body = note.substring(0, note.indexOf("\n\n") + 1);
        long size = Long.parseLong(body.split("\n")[1]);
        long time = t.clock.instant().getEpochSecond();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(witness.getPrivate());
        signer.update(("cosignature/v1\ntime " + time + "\n" + body).getBytes(StandardCharsets.UTF_8));
        byte[] keyId = HexFormat.of().parseHex(witnessKey.split("\\+")[1]);
        byte[] blob = java.nio.ByteBuffer.allocate(76).put(keyId).putLong(time).put(signer.sign()).array();
        String line = "\u2014 " + WITNESS + " " + Base64.getEncoder().encodeToString(blob);
        HttpResponse<String> sent = t.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + t.port
                        + "/api/v1/audit/checkpoints/" + size + "/cosignatures"))
                .header("Authorization", "Bearer " + t.tokens.get("viewer")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(line + "\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        String published = new String(fetch("/audit/v1/checkpoint", "viewer").body(), StandardCharsets.UTF_8);
        assertThat(published).startsWith(note);
        String[] keyParts = witnessKey.split("\\+", 3); // base64 may hold "+"
        byte[] typed = Base64.getDecoder().decode(keyParts[2]);
        assertThat(typed[0]).as("cosignature/v1 key type").isEqualTo((byte) 4);
        byte[] publicKey = Arrays.copyOfRange(typed, 1, 33);
        int verified = 0;
        for (String sigLine : published.substring(published.indexOf("\n\n") + 2).split("\n")) {
            String[] parts = sigLine.split(" ");
            byte[] raw = Base64.getDecoder().decode(parts[2]);
            if (!parts[1].equals(keyParts[0]) || !Arrays.equals(Arrays.copyOf(raw, 4), HexFormat.of().parseHex(keyParts[1]))) {
                continue; // the log's own signature: not this witness's
            }
            assertThat(raw).hasSize(4 + 8 + 64);
            long timestamp = java.nio.ByteBuffer.wrap(raw, 4, 8).getLong();
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(ed25519(publicKey));
            ed.update(("cosignature/v1\ntime " + timestamp + "\n" + body).getBytes(StandardCharsets.UTF_8));
            assertThat(ed.verify(Arrays.copyOfRange(raw, 12, raw.length))).as("the witness's cosignature").isTrue();
            verified++;
        }
        assertThat(verified).isEqualTo(1);
    }

    @Test
    void theTilesNeedWhatTheWholeAuditLogNeedsAndMalformedPathsAreNotFound() throws Exception {
        assertThat(fetch("/audit/v1/checkpoint", null).statusCode()).isEqualTo(401);
        assertThat(fetch("/audit/v1/tile/0/000", null).statusCode()).isEqualTo(401);
        t.addPrincipal("fraud-viewer", new dev.regent.core.access.Grant(dev.regent.core.access.Role.VIEWER,
                dev.regent.core.model.ModelName.of("fraud")));
        assertThat(fetch("/audit/v1/tile/0/000", "fraud-viewer").statusCode()).as("a viewer of one model only").isEqualTo(403);
        for (String bad : List.of("0/0", "0/x000", "0/000.p/256", "0/000.p/0", "64/000", "0/x001/2", "0/999999/000",
                "entries/000.p/", "0/000.p/01")) {
            assertThat(fetch("/audit/v1/tile/" + bad, "viewer").statusCode()).as(bad).isEqualTo(404);
        }
        assertThat(fetch("/audit/v1/tile/0/x001/000", "viewer").statusCode()).as("tile 1000 does not exist yet").isEqualTo(404);
    }

    // ---- the independent verifier's own pieces, from the specs ----

    /** tlog-tiles: N in 3-digit groups, all but the last prefixed with x; a partial tile ends in .p/W. */
    private static String tilePath(long n, int width) {
        String digits = Long.toString(n);
        while (digits.length() % 3 != 0) {
            digits = "0" + digits;
        }
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < digits.length(); i += 3) {
            groups.add((i + 3 < digits.length() ? "x" : "") + digits.substring(i, i + 3));
        }
        return String.join("/", groups) + (width < 256 ? ".p/" + width : "");
    }

    /** tlog-tiles entry bundle: each entry as a big-endian uint16 length and its bytes. */
    private static List<byte[]> bundleEntries(byte[] bundle) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < bundle.length) {
            int length = ((bundle[at] & 0xff) << 8) | (bundle[at + 1] & 0xff);
            out.add(Arrays.copyOfRange(bundle, at + 2, at + 2 + length));
            at += 2 + length;
        }
        return out;
    }

    /** RFC 6962 MTH over leaf hashes: split at the largest power of two below n. */
    private static byte[] mth(List<byte[]> leafHashes) throws Exception {
        int n = leafHashes.size();
        if (n == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(n - 1);
        return sha256(concat(new byte[] {1}, mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, n))));
    }

    private static PublicKey ed25519(byte[] raw) throws Exception {
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100"); // SubjectPublicKeyInfo of an Ed25519 key
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(prefix, raw)));
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private HttpResponse<byte[]> fetch(String path, String as) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + t.port + path)).GET();
        if (as != null) {
            b.header("Authorization", "Bearer " + t.tokens.get(as));
        }
        return t.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
