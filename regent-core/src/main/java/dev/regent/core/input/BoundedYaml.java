package dev.regent.core.input;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;

/**
 * The nesting check every YAML reader runs before composing: the parser is iterative, the composer recursive, so a
 * document of 100,000 '[' would overflow the composer's stack; walking the events first finds it at depth
 * {@link InputLimits#YAML_MAX_DEPTH}, in linear time.
 */
public final class BoundedYaml {
    private BoundedYaml() {
    }

    /**
     * The 1-based line where the text first nests collections deeper than {@link InputLimits#YAML_MAX_DEPTH}, or 0
     * when it never does. Malformed YAML throws the parser's exception, as composing would.
     */
    public static int tooDeepAt(String text, LoadSettings settings) {
        int depth = 0;
        for (Event e : new Parse(settings).parseString(text)) {
            switch (e.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > InputLimits.YAML_MAX_DEPTH) {
                        return e.getStartMark().map(m -> m.getLine() + 1).orElse(1);
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> {
                }
            }
        }
        return 0;
    }
}
