package dev.regent.core.card;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.regent.core.input.InputLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a JSON card: one object whose keys are section names. Duplicate keys are refused at every level. */
final class JsonCardReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(CardValues.MAX_DEPTH + 2)
                    .maxStringLength(CardValues.MAX_BYTES)
                    .maxNameLength(CardValues.MAX_KEY_LENGTH * 4)
                    .maxNumberLength(InputLimits.JSON_MAX_NUMBER_LENGTH)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private JsonCardReader() {
    }

    static List<RawSection> read(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw at("a JSON card must be an object whose keys are section names", p);
            }
            CardValues.Budget budget = new CardValues.Budget();
            List<RawSection> sections = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = p.currentTokenLocation().getLineNr();
                CardValues.checkKey(key, line, p.currentTokenLocation().getColumnNr());
                p.nextToken();
                sections.add(new RawSection(key, value(p, 1, budget), "JSON", line));
            }
            if (p.nextToken() != null) {
                throw at("unexpected content after the card's object", p);
            }
            return sections;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw CardValues.error("malformed JSON: " + e.getOriginalMessage(),
                    loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr());
        } catch (IOException e) {
            throw CardValues.error("unreadable JSON: " + e.getMessage());
        }
    }

    private static Object value(JsonParser p, int depth, CardValues.Budget budget) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int column = loc.getColumnNr();
        budget.value(line, column);
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                CardValues.checkDepth(depth, line, column);
                Map<String, Object> map = new TreeMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    CardValues.checkKey(key, p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr());
                    p.nextToken();
                    Object v = value(p, depth + 1, budget);
                    if (v != null) {
                        map.put(key, v);
                    }
                }
                return map;
            }
            case START_ARRAY -> {
                CardValues.checkDepth(depth, line, column);
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    Object v = value(p, depth + 1, budget);
                    if (v != null) {
                        list.add(v);
                    }
                }
                return list;
            }
            case VALUE_STRING -> {
                String s = p.getText();
                budget.chars(s.length(), line, column);
                CardValues.checkText(s, line, column);
                return CardValues.text(s);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                try {
                    return CardValues.number(p.getDecimalValue());
                } catch (NumberFormatException e) {
                    throw at("number " + p.getText() + " is out of range", p);
                }
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw at("unexpected " + token, p);
        }
    }

    private static RuntimeException at(String problem, JsonParser p) {
        JsonLocation loc = p.currentTokenLocation();
        return CardValues.error(problem, loc.getLineNr(), loc.getColumnNr());
    }
}
