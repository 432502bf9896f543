package dev.regent.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Model names in resource URIs are percent-encoded segments, as RFC 6570 expands {model}. */
class ResourceUriTest {
    @Test
    void aSegmentDecodesPercentEscapesAndKeepsPlus() {
        assertThat(Resources.pathSegment("Churn%20Model%20v2")).isEqualTo("Churn Model v2");
        assertThat(Resources.pathSegment("a+b")).isEqualTo("a+b");
        assertThat(Resources.pathSegment("%D0%BC%D0%BE%D0%B4%D0%B5%D0%BB%D1%8C")).isEqualTo("модель");
        assertThat(Resources.pathSegment("fraud-detector")).isEqualTo("fraud-detector");
        assertThatThrownBy(() -> Resources.pathSegment("bad%zz")).hasMessageContaining("percent-encoded");
    }

    @Test
    void theUrisNotificationsCarryAreTheCanonicalEncodingAndNameTheirModel() {
        assertThat(Resources.modelUri("Churn Model+v2")).isEqualTo("regent://models/Churn%20Model%2Bv2");
        assertThat(Resources.versionUri("модель", 3)).isEqualTo("regent://models/%D0%BC%D0%BE%D0%B4%D0%B5%D0%BB%D1%8C/versions/3");
        assertThat(Resources.cardUri("fraud-detector", 1)).isEqualTo("regent://models/fraud-detector/versions/1/card");
        for (String name : new String[] {"Churn Model+v2", "модель", "a.b_c~d-e"}) {
            assertThat(Resources.modelOf(Resources.modelUri(name))).contains(name);
            assertThat(Resources.modelOf(Resources.cardUri(name, 7))).contains(name);
        }
        assertThat(Resources.modelOf("regent://evidence/ev_1")).isEmpty();
        assertThat(Resources.modelOf("regent://models/a/versions/x")).isEmpty();
        assertThat(ResourceFollower.uris(new ResourceChange(5, "m", 2L))).containsExactly("regent://models/m",
                "regent://models/m/versions/2", "regent://models/m/versions/2/card");
        assertThat(ResourceFollower.uris(new ResourceChange(6, "m", null))).containsExactly("regent://models/m");
        assertThat(ResourceFollower.uris(new ResourceChange(7, "", null))).isEmpty();
    }
}
