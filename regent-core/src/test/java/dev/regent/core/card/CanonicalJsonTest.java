package dev.regent.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theEncodingIsSortedCompactAndNormalised() {
        String json = """
                { "risks" : [ {"mitigation": "m", "risk": "r\\"q"} ],
                  "evaluation": {"metrics": {"b": 1.50, "a": 1E2, "c": -0.0, "d": 1e40, "e": 12e-1}},
                  "notes": "tab\\there, ünïcödé, emoji 😀, line\\nbreak" }""";
        assertThat(ModelCard.parse(json, CardFormat.JSON).canonicalJson()).isEqualTo(
                "{\"evaluation\":{\"metrics\":{\"a\":100,\"b\":1.5,\"c\":0,\"d\":1e+40,\"e\":1.2}},"
                        + "\"notes\":\"tab\\there, ünïcödé, emoji 😀, line\\nbreak\","
                        + "\"risks\":[{\"mitigation\":\"m\",\"risk\":\"r\\\"q\"}],\"schema_version\":1}");
    }

    @Test
    void numbersWithTheSameValueEncodeTheSame() {
        for (String n : List.of("1", "1.0", "1.000", "1e0", "10e-1", "0.1E1")) {
            ModelCard card = ModelCard.parse("{\"evaluation\": {\"metrics\": {\"x\": " + n + "}}}", CardFormat.JSON);
            assertThat(card.canonicalJson()).contains("{\"x\":1}");
        }
        assertThat(CanonicalJson.number(new BigDecimal("123456789012345678901234567890123456")))
                .isEqualTo("1.23456789012345678901234567890123456e+35");
        assertThat(CanonicalJson.number(new BigDecimal("-0.000"))).isEqualTo("0");
    }

    @Test
    void canonicalJsonRoundTrips() {
        for (String text : List.of(CardFixtures.JSON, CardFixtures.YAML, CardFixtures.MARKDOWN)) {
            ModelCard card = ModelCard.parse(text, CardFormat.detect(null, text));
            ModelCard back = ModelCard.fromCanonicalJson(card.canonicalJson());
            assertThat(back).isEqualTo(card);
            assertThat(back.canonicalJson()).isEqualTo(card.canonicalJson());
            assertThat(back.digest()).isEqualTo(card.digest());
        }
    }

    @Test
    void theDigestIsSha256OfTheCanonicalBytes() {
        ModelCard card = ModelCard.parse("{\"notes\":\"x\"}", CardFormat.JSON);
        assertThat(card.canonicalJson()).isEqualTo("{\"notes\":\"x\",\"schema_version\":1}");
        // sha256 of {"notes":"x","schema_version":1}
        assertThat(card.digest()).isEqualTo(dev.regent.core.model.Digest.sha256Of(
                "{\"notes\":\"x\",\"schema_version\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Property(tries = 200)
    void keyOrderAndWhitespaceDoNotChangeTheBytes(@ForAll("cards") Map<String, Object> content, @ForAll long seed)
            throws JsonProcessingException {
        String plain = JSON.writeValueAsString(content);
        String shuffled = write(content, new Random(seed));
        ModelCard a = ModelCard.parse(plain, CardFormat.JSON);
        ModelCard b = ModelCard.parse(shuffled, CardFormat.JSON);
        assertThat(b.canonicalJson()).isEqualTo(a.canonicalJson());
        assertThat(b.digest()).isEqualTo(a.digest());
        assertThat(ModelCard.fromCanonicalJson(a.canonicalJson())).isEqualTo(a);
    }

    @Property(tries = 200)
    void anyChangeOfContentChangesTheDigest(@ForAll("cards") Map<String, Object> content,
                                            @ForAll @AlphaChars @StringLength(min = 1, max = 5) String extra)
            throws JsonProcessingException {
        ModelCard card = ModelCard.parse(JSON.writeValueAsString(content), CardFormat.JSON);
        Map<String, Object> changed = new LinkedHashMap<>(content);
        String key = content.containsKey("notes") ? "notes" : "limitations";
        Object old = content.get(key);
        changed.put(key, old instanceof String s ? s + extra : extra);
        ModelCard other = ModelCard.parse(JSON.writeValueAsString(changed), CardFormat.JSON);
        assertThat(other.digest()).isNotEqualTo(card.digest());
        assertThat(other).isNotEqualTo(card);
    }

    @Provide
    Arbitrary<Map<String, Object>> cards() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars('é', '\n', '"', '\\', '\u2028')
                .ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.contains("<!--") && !s.isBlank());
        Arbitrary<Object> number = Arbitraries.bigDecimals().between(new BigDecimal("-1e6"), new BigDecimal("1e6"))
                .ofScale(3).map(n -> (Object) n);
        Arbitrary<Object> leaf = Arbitraries.oneOf(text.map(s -> (Object) s), number, Arbitraries.of(true, false).map(b -> (Object) b));
        Arbitrary<Object> list = leaf.list().ofMinSize(1).ofMaxSize(4).map(l -> (Object) l);
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6), leaf)
                .ofMinSize(1).ofMaxSize(4).map(m -> (Object) m);
        Arbitrary<Object> sectionValue = Arbitraries.oneOf(text.map(s -> (Object) s), list, map);
        List<String> keys = List.of("model_details", "intended_use", "out_of_scope_use", "limitations",
                "ethical_considerations", "caveats_and_recommendations", "contacts", "notes");
        return Combinators.combine(Arbitraries.subsetOf(keys).ofMinSize(1), sectionValue.list().ofSize(keys.size()))
                .as((chosen, values) -> {
                    Map<String, Object> card = new LinkedHashMap<>();
                    int i = 0;
                    for (String k : chosen) {
                        card.put(k, values.get(i++));
                    }
                    return card;
                });
    }

    /** JSON with keys in a random order, random insignificant whitespace and numbers in a random notation. */
    private static String write(Object value, Random random) throws JsonProcessingException {
        String ws = List.of("", " ", "\n", "\t ", "\r\n  ").get(random.nextInt(5));
        if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            Collections.shuffle(entries, random);
            StringBuilder out = new StringBuilder("{" + ws);
            for (int i = 0; i < entries.size(); i++) {
                out.append(i > 0 ? "," + ws : "").append(JSON.writeValueAsString(entries.get(i).getKey()))
                        .append(ws).append(':').append(ws).append(write(entries.get(i).getValue(), random));
            }
            return out.append(ws).append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[" + ws);
            for (int i = 0; i < list.size(); i++) {
                out.append(i > 0 ? "," + ws : "").append(write(list.get(i), random));
            }
            return out.append(ws).append(']').toString();
        }
        if (value instanceof BigDecimal n) {
            return switch (random.nextInt(3)) {
                case 0 -> n.toPlainString();
                case 1 -> n.setScale(n.scale() + 2).toPlainString();
                default -> n.unscaledValue() + "e-" + n.scale();
            };
        }
        return JSON.writeValueAsString(value);
    }
}
