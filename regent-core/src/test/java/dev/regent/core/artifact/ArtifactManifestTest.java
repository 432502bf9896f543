package dev.regent.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactManifestTest {
    private static final Digest A = Digest.sha256Of("a".getBytes(StandardCharsets.UTF_8));
    private static final Digest B = Digest.sha256Of("bb".getBytes(StandardCharsets.UTF_8));

    @Test
    void formatsCanonicallySortedByUtf8Bytes() {
        String text = ArtifactManifest.format(List.of(new ArtifactManifest.Entry("é", A, 1),
                new ArtifactManifest.Entry("Z", B, 2), new ArtifactManifest.Entry("a/b", A, 1)));
        assertThat(text).isEqualTo(B.hex() + " 2 Z\n" + A.hex() + " 1 a/b\n" + A.hex() + " 1 é\n");
        assertThat(ArtifactManifest.format(List.of())).isEmpty();
    }

    @Test
    void parsesWhatItFormatsAndDigestsTheText() {
        String text = A.hex() + " 1 a\n" + B.hex() + " 2 dir/b\n";
        ArtifactManifest m = ArtifactManifest.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(m.entries()).containsExactly(new ArtifactManifest.Entry("a", A, 1), new ArtifactManifest.Entry("dir/b", B, 2));
        assertThat(m.text()).isEqualTo(text);
        assertThat(m.digest()).isEqualTo(Digest.sha256Of(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(m.find("dir/b")).isPresent();
        assertThat(m.find("dir")).isEmpty();
    }

    @Test
    void refusesTraversalInEntriesNamingTheLine() {
        for (String evil : List.of("../x", "/etc/passwd", "a\\b", "%2e%2e/x", "..;/x", "a#b", "a%00b")) {
            String text = A.hex() + " 1 a\n" + A.hex() + " 1 " + evil + "\n";
            assertThatThrownBy(() -> ArtifactManifest.parse(text.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(RegentException.class).hasMessageContaining("manifest line 2");
        }
        assertThatThrownBy(() -> ArtifactManifest.of(List.of(new ArtifactManifest.Entry("../x", A, 1))))
                .isInstanceOf(RegentException.class).hasMessageContaining("'..'");
    }

    @Test
    void refusesNonCanonicalText() {
        assertThatThrownBy(() -> parse(A.hex() + " 1 b\n" + A.hex() + " 1 a\n")).hasMessageContaining("canonical order");
        assertThatThrownBy(() -> parse(A.hex() + " 1 a\n" + A.hex() + " 1 a\n")).hasMessageContaining("canonical order");
        assertThatThrownBy(() -> parse(A.hex() + " 1 a")).hasMessageContaining("newline");
        assertThatThrownBy(() -> parse(A.hex() + " 01 a\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse(A.hex().toUpperCase() + " 1 a\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse(A.hex() + " 1 a\n" + A.hex() + " 1 a/b\n")).hasMessageContaining("as a file and as a directory");
        assertThatThrownBy(() -> ArtifactManifest.parse(new byte[] {(byte) 0xff, '\n'})).hasMessageContaining("UTF-8");
    }

    private static ArtifactManifest parse(String text) {
        return ArtifactManifest.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
