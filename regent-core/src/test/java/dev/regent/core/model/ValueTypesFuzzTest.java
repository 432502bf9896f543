package dev.regent.core.model;

import dev.regent.core.artifact.ArtifactPath;
import dev.regent.core.input.HostileInput;
import dev.regent.core.lifecycle.Reason;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Issue 17: every typed value made from client text is made or refused with INVALID_ARGUMENT, quickly. */
class ValueTypesFuzzTest {
    @Property(tries = 300)
    void everyValueType(@ForAll("text") String text) {
        HostileInput.valueOrInvalid(text, SourceUri::of);
        HostileInput.valueOrInvalid(text, ArtifactPath::of);
        HostileInput.valueOrInvalid(text, ModelName::of);
        HostileInput.valueOrInvalid(text, AliasName::of);
        HostileInput.valueOrInvalid(text, Reason::of);
        HostileInput.valueOrInvalid(text, Description::of);
        HostileInput.valueOrInvalid(text, VersionNumber::parse);
        HostileInput.valueOrInvalid(text, s -> Tags.of(Map.of(s, s)));
        HostileInput.valueOrInvalid(text, s -> Params.of(Map.of(s, s)));
        HostileInput.valueOrInvalid(text, s -> Metrics.parseValue(s, s));
    }

    @Provide
    Arbitrary<String> text() {
        return HostileInput.around(List.of("s3://bucket/models/fraud/1", "file:///tmp/a/../b", "models:/m/1",
                        "runs:/0123/artifacts/model", "weights/part-0001.bin", "fraud-detector", "champion", "1",
                        "%2e%2e/%2E%2e;/x", "https://user:pw@host:99999/a?b#c"),
                List.of("../", "%", "%25", "/", "\u2025/", "a:", "[", "?"));
    }
}
