package dev.regent.server;

import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.tiles.Tiles;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.error.RegentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The audit log published read-only in the C2SP tlog-tiles layout, so that an auditor, a witness or any tlog client
 * can mirror and verify it without Regent's code: {@code /audit/v1/checkpoint} (the latest signed note),
 * {@code /audit/v1/tile/<L>/<N>[.p/<W>]} (hash tiles) and {@code /audit/v1/tile/entries/<N>[.p/<W>]} (entry bundles:
 * each entry as a big-endian 16-bit length and its canonical bytes). Full tiles never change and are served as
 * immutable; a partial tile of width W is a prefix of its future full tile, so it never changes either, but it is
 * cached briefly (clients move on to wider ones). Readers need what the whole audit log needs: a global viewer.
 */
final class TlogTileRoutes {
    static final String CHECKPOINT = "/audit/v1/checkpoint";
    static final String TILE = "/audit/v1/tile/<path>";
    private static final String IMMUTABLE = "private, max-age=31536000, immutable";
    private static final String PARTIAL = "private, max-age=60";

    private TlogTileRoutes() {
    }

    static void register(Endpoints e) {
        e.get(CHECKPOINT, TlogTileRoutes::checkpoint);
        e.get(TILE, TlogTileRoutes::tile);
    }

    static Reply checkpoint(Call call) {
        call.registry().governance().requireWholeAuditLog(call.actor());
        StoredCheckpoint c = call.audit().latest()
                .orElseThrow(() -> RegentException.notFound("no checkpoint has been signed yet"));
        // the log's signature, then the witnesses' cosignature lines (c2sp.org/tlog-cosignature)
        return Reply.text(200, "text/plain; charset=utf-8", call.audit().cosignatures().cosignedNote(c))
                .header("Cache-Control", "no-cache");
    }

    static Reply tile(Call call) {
        call.registry().governance().requireWholeAuditLog(call.actor());
        TilePath path = TilePath.parse(call.ctx().pathParam("path"));
        AuditTree tree = call.audit().tree();
        long from = path.index() * Tiles.WIDTH;
        long to = from + path.width();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (path.entries()) {
            List<byte[]> entries = tree.entryBytes(from, to);
            if (entries.size() != path.width()) {
                throw RegentException.notFound("no entry bundle " + path + ": the log holds fewer entries");
            }
            for (byte[] entry : entries) {
                out.write(entry.length >>> 8);
                out.write(entry.length & 0xff);
                out.writeBytes(entry);
            }
        } else {
            List<Hash> hashes = tree.tileHashes(path.level(), from, to);
            if (hashes.size() != path.width()) {
                throw RegentException.notFound("no tile " + path + ": the tree is not that large yet");
            }
            hashes.forEach(h -> out.writeBytes(h.bytes()));
        }
        return Reply.stream("application/octet-stream", new ByteArrayInputStream(out.toByteArray()))
                .header("Cache-Control", path.width() == Tiles.WIDTH ? IMMUTABLE : PARTIAL);
    }

    /** A tile path after {@code tile/}: {@code <L>/<N>[.p/<W>]} or {@code entries/<N>[.p/<W>]}, parsed strictly. */
    record TilePath(boolean entries, int level, long index, int width) {
        static TilePath parse(String text) {
            String[] parts = text.split("/", -1);
            boolean entries = parts.length > 0 && parts[0].equals("entries");
            int level = 0;
            if (!entries) {
                if (parts.length == 0 || !parts[0].matches("[0-9]|[1-5][0-9]|6[0-3]")) {
                    throw bad(text);
                }
                level = Integer.parseInt(parts[0]);
            }
            int width = Tiles.WIDTH;
            int last = parts.length;
            if (last >= 3 && parts[last - 2].endsWith(".p")) {
                if (!parts[last - 1].matches("[1-9][0-9]{0,2}") || Integer.parseInt(parts[last - 1]) >= Tiles.WIDTH) {
                    throw bad(text);
                }
                width = Integer.parseInt(parts[last - 1]);
                parts[last - 2] = parts[last - 2].substring(0, parts[last - 2].length() - 2);
                last--;
            }
            if (last < 2 || last - 1 > 7) {
                throw bad(text);
            }
            long index = 0;
            for (int i = 1; i < last; i++) {
                String element = parts[i];
                boolean isLast = i == last - 1;
                if (!(isLast ? element.matches("[0-9]{3}") : element.matches("x[0-9]{3}"))) {
                    throw bad(text);
                }
                index = index * 1000 + Integer.parseInt(isLast ? element : element.substring(1));
            }
            return new TilePath(entries, level, index, width);
        }

        private static RegentException bad(String text) {
            return RegentException.notFound("no such tile: '" + text + "' is not <L>/<N>[.p/<W>] or entries/<N>[.p/<W>] "
                    + "(N in 3-digit groups, all but the last prefixed with x, as C2SP tlog-tiles writes it)");
        }

        @Override
        public String toString() {
            return (entries ? "entries" : Integer.toString(level)) + "/" + index + (width < Tiles.WIDTH ? ".p/" + width : "");
        }
    }
}
