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
}
