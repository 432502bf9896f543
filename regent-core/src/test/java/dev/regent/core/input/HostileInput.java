package dev.regent.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile text for the parser fuzz tests, and the one property every parser of client input must
 * have: a value or INVALID_ARGUMENT, never another exception, never slow.
 */
public final class HostileInput {
    /**
     * The bound on one parse, in this thread's CPU time (not wall time, which a loaded machine stretches at will): a
     * guard against quadratic parsing and hangs (the fuzzing found a 27,000-item line taking seconds), not a speed goal.
     */
    public static final Duration BOUND = Duration.ofSeconds(2);
    private static final String NASTY = "\u202E\u202D\u2066\u2067\u2068\u2069\u200B\u200F\uFEFF\u0000\u0007\r\n\t"
            + "\uD800\uDFFF\uFFFD\u2025\uFF0E\u0301é{}[]:,\"'`\\/%.-_*#>|&!@=<~ aZ09";

    private HostileInput() {
    }

    /** CPU time used by this thread so far. */
    public static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * Anything: random unicode, bidi and control characters, huge numbers, deep nesting of the given openers,
     * random bytes decoded as UTF-8, and the given valid samples truncated or with a character swapped.
     */
    public static Arbitrary<String> around(List<String> samples, List<String> openers) {
        Arbitrary<String> sample = Arbitraries.of(samples);
        return Arbitraries.<String>frequencyOf(
                e(2, Arbitraries.strings().all().ofMaxLength(200)),
                e(2, Arbitraries.strings().withChars(NASTY).ofMaxLength(300)),
                e(1, hugeNumbers()),
                e(2, deep(openers)),
                e(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                        .map(b -> new String(b, StandardCharsets.UTF_8))),
                e(3, Combinators.combine(sample, Arbitraries.doubles().between(0, 1))
                        .as((s, f) -> s.substring(0, (int) (s.length() * f)))),
                e(3, Combinators.combine(sample, Arbitraries.doubles().between(0, 1),
                        Arbitraries.strings().withChars(NASTY).ofMinLength(1).ofMaxLength(3))
                        .as((s, f, c) -> {
                            int at = (int) (s.length() * f);
                            return s.substring(0, at) + c + s.substring(Math.min(s.length(), at + 1));
                        })),
                e(2, Combinators.combine(sample, sample, Arbitraries.doubles().between(0, 1))
                        .as((a, b, f) -> a.substring(0, (int) (a.length() * f)) + b)),
                e(1, sample));
    }

    private static Tuple.Tuple2<Integer, Arbitrary<? extends String>> e(int weight, Arbitrary<? extends String> a) {
        return Tuple.of(weight, a);
    }

    /** Numbers far past any type: 10^n, tiny exponents, long fractions. */
    public static Arbitrary<String> hugeNumbers() {
        return Arbitraries.integers().between(20, 5000).flatMap(n -> Arbitraries.of(
                "1" + "0".repeat(n), "-" + "9".repeat(n), "1e" + n + "0000", "0." + "1".repeat(n), "1e-" + n + "999",
                "NaN", "-Infinity", "0x" + "F".repeat(Math.min(n, 64))));
    }

    /** One of the openers repeated up to 100,000 times, sometimes closed again, sometimes not. */
    public static Arbitrary<String> deep(List<String> openers) {
        return Combinators.combine(Arbitraries.of(openers), Arbitraries.integers().between(50, 100_000),
                Arbitraries.of("", "x", "]", "}", "1"))
                .as((open, n, tail) -> open.repeat(n) + tail);
    }

    /** Runs the parser on the input: it must return, or refuse with INVALID_ARGUMENT, within {@link #BOUND}. */
    public static void valueOrInvalid(String input, Consumer<String> parser) {
        long start = cpuNanos();
        try {
            parser.accept(input);
        } catch (RegentException e) {
            assertThat(e.code()).as("refusal of %s: %s", preview(input), e.getMessage())
                    .isEqualTo(ErrorCode.INVALID_ARGUMENT);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("not INVALID_ARGUMENT for " + preview(input) + ": " + e, e);
        }
        Duration took = Duration.ofNanos(cpuNanos() - start);
        assertThat(took).as("time to parse %s", preview(input)).isLessThan(BOUND);
    }

    /** The start of an input, printable, for failure messages. */
    public static String preview(String input) {
        String s = input.length() > 120 ? input.substring(0, 120) + "…(" + input.length() + " chars)" : input;
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> b.append(cp < 0x20 || cp >= 0x7f ? String.format("\\u%04x", cp) : Character.toString(cp)));
        return b.append('"').toString();
    }
}
