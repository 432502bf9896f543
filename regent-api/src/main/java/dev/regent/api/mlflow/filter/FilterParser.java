package dev.regent.api.mlflow.filter;

import dev.regent.core.error.RegentException;
import dev.regent.core.input.InputLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A hand-written parser of MLflow's registry filter language: {@code clause (AND clause)*}, where a clause is
 * {@code identifier comparator value}. Identifiers: an attribute ({@code name}, optionally {@code attribute.name}),
 * or {@code tags.<key>} / {@code tag.<key>}, with the key optionally in backticks or double quotes. Values: a string
 * in single or double quotes, an integer (numeric attributes only), or a parenthesised list of strings after IN.
 * Every refusal is INVALID_ARGUMENT with a message naming the problem and its position.
 */
final class FilterParser {
    private final SearchGrammar grammar;
    private final String text;
    private int pos;

    FilterParser(SearchGrammar grammar, String text) {
        this.grammar = grammar;
        this.text = text;
    }

    SearchFilter parse() {
        List<Clause> clauses = new ArrayList<>();
        clauses.add(clause());
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                return new SearchFilter(clauses);
            }
            String word = word();
            if (word.equalsIgnoreCase("OR")) {
                throw fail("OR is not supported; clauses can only be joined with AND");
            }
            if (!word.equalsIgnoreCase("AND")) {
                throw fail("expected AND between clauses, found '" + (word.isEmpty() ? String.valueOf(text.charAt(pos)) : word) + "'");
            }
            pos += word.length();
            if (clauses.size() == InputLimits.FILTER_MAX_CLAUSES) {
                throw fail("the filter has more than " + InputLimits.FILTER_MAX_CLAUSES + " clauses");
            }
            clauses.add(clause());
        }
    }

    private Clause clause() {
        skipSpace();
        if (pos >= text.length()) {
            throw fail("expected a clause such as name = 'my-model', found the end of the filter");
        }
        int identifierAt = pos;
        String entity = null;
        String key = identifierPart();
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '.') {
            entity = key;
            pos++;
            key = identifierPart();
            // a tag key runs to the comparator: tags.mlflow.source is the tag "mlflow.source"
            while ((entity.equals("tags") || entity.equals("tag")) && pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                key = key + "." + identifierPart();
            }
        }
        boolean tag;
        if (entity == null || entity.equals("attribute") || entity.equals("attributes")) {
            tag = false;
            if (!grammar.attributes().contains(key)) {
                throw failAt(identifierAt, "invalid attribute '" + key + "' for " + grammar.what() + ": valid attributes are "
                        + new TreeSet<>(grammar.attributes()) + ", or tags.<key>");
            }
        } else if (entity.equals("tags") || entity.equals("tag")) {
            tag = true;
        } else {
            throw failAt(identifierAt, "invalid entity type '" + entity + "': use tags.<key> or an attribute");
        }
        if (key.isEmpty()) {
            throw failAt(identifierAt, "empty " + (tag ? "tag key" : "attribute name"));
        }
        skipSpace();
        int comparatorAt = pos;
        Comparator comparator = comparator();
        boolean numeric = !tag && grammar.numeric().contains(key);
        if (comparator.ordering() && !numeric) {
            throw failAt(comparatorAt, "comparator '" + comparator.symbol() + "' only applies to numeric attributes "
                    + new TreeSet<>(grammar.numeric()));
        }
        if ((comparator == Comparator.LIKE || comparator == Comparator.ILIKE) && numeric) {
            throw failAt(comparatorAt, "comparator '" + comparator.symbol() + "' does not apply to numeric attribute '" + key + "'");
        }
        skipSpace();
        List<String> values;
        if (comparator == Comparator.IN) {
            if (tag || !grammar.listAttributes().contains(key)) {
                throw failAt(comparatorAt, "IN only applies to " + new TreeSet<>(grammar.listAttributes())
                        + ", not to '" + (tag ? "tags." : "") + key + "'");
            }
            values = list();
        } else {
            values = List.of(numeric ? number(key) : string(tag ? "tag" : "attribute '" + key + "'"));
        }
        return new Clause(tag, key, comparator, values);
    }

    private String identifierPart() {
        if (pos < text.length() && (text.charAt(pos) == '`' || text.charAt(pos) == '"')) {
            char quote = text.charAt(pos);
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw fail("unterminated " + (quote == '`' ? "backtick" : "double") + "-quoted identifier");
            }
            String key = text.substring(pos + 1, end);
            pos = end + 1;
            return key;
        }
        int start = pos;
        while (pos < text.length() && isIdentifierChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw fail("expected an attribute or tags.<key>, found "
                    + (pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end of the filter"));
        }
        return text.substring(start, pos);
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '/';
    }

    private Comparator comparator() {
        if (pos >= text.length()) {
            throw fail("expected a comparator (=, !=, LIKE, ILIKE, IN, <, <=, >, >=), found the end of the filter");
        }
        char c = text.charAt(pos);
        String symbol;
        if (c == '=') {
            symbol = pos + 1 < text.length() && text.charAt(pos + 1) == '=' ? "==" : "=";
        } else if (c == '!' || c == '<' || c == '>') {
            symbol = pos + 1 < text.length() && text.charAt(pos + 1) == '=' ? c + "=" : String.valueOf(c);
        } else {
            symbol = word();
        }
        Comparator comparator = Comparator.of(symbol).orElseThrow(() -> fail("invalid comparator '"
                + (symbol.isEmpty() ? String.valueOf(c) : symbol) + "': use =, !=, LIKE, ILIKE, IN, <, <=, >, >="));
        pos += symbol.length();
        return comparator;
    }

    private String string(String what) {
        if (pos >= text.length()) {
            throw fail("expected a quoted value for " + what + ", found the end of the filter");
        }
        char quote = text.charAt(pos);
        if (quote != '\'' && quote != '"') {
            throw fail("expected a quoted string value for " + what + " (e.g. 'my-value'), found '" + preview() + "'");
        }
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw fail("unterminated string: a value opened with " + quote + " is never closed");
        }
        String value = text.substring(pos + 1, end);
        pos = end + 1;
        return value;
    }

    private String number(String key) {
        int start = pos;
        boolean quoted = pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"');
        String raw = quoted ? string("attribute '" + key + "'") : word();
        if (!raw.matches("-?[0-9]{1,18}")) {
            throw failAt(start, "attribute '" + key + "' is numeric: expected an integer, found '" + raw + "'");
        }
        if (!quoted) {
            pos += raw.length();
        }
        return Long.toString(Long.parseLong(raw));
    }

    private List<String> list() {
        if (pos >= text.length() || text.charAt(pos) != '(') {
            throw fail("IN needs a parenthesised list of quoted values, e.g. ('a', 'b')");
        }
        pos++;
        List<String> values = new ArrayList<>();
        while (true) {
            skipSpace();
            values.add(string("IN list"));
            skipSpace();
            if (pos >= text.length()) {
                throw fail("unterminated IN list: expected ')'");
            }
            char c = text.charAt(pos++);
            if (c == ',' && values.size() == InputLimits.FILTER_MAX_IN_VALUES) {
                throw fail("an IN list has more than " + InputLimits.FILTER_MAX_IN_VALUES + " values");
            }
            if (c == ')') {
                return values;
            }
            if (c != ',') {
                pos--;
                throw fail("expected ',' or ')' in IN list, found '" + c + "'");
            }
        }
    }

    private String word() {
        int end = pos;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '('
                && text.charAt(end) != '\'' && text.charAt(end) != '"') {
            end++;
        }
        return text.substring(pos, end);
    }

    private String preview() {
        String rest = text.substring(pos);
        return rest.length() > 20 ? rest.substring(0, 20) + "…" : rest;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private RegentException fail(String message) {
        return failAt(pos, message);
    }

    private RegentException failAt(int at, String message) {
        return RegentException.invalid("invalid filter at position " + at + ": " + message);
    }
}
