package dev.regent.api.mlflow.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.input.InputLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** MLflow's registry filter language and order_by: every valid form, and malformed input refused by name. */
class SearchGrammarTest {
    private static final SearchGrammar V = SearchGrammar.VERSIONS;
    private static final SearchGrammar M = SearchGrammar.MODELS;

    /** A version named fraud, number 3, run r-1, source s3://b/fraud/3, tags stage-ok=yes and "my key"=v. */
    private static final SearchFilter.Subject VERSION = new SearchFilter.Subject() {
        private final Map<String, String> attrs = Map.of("name", "fraud", "version_number", "3", "run_id", "r-1",
                "source_path", "s3://b/fraud/3");
        private final Map<String, String> tags = Map.of("stage-ok", "yes", "my key", "v", "mlflow.source", "nb");

        @Override
        public String attribute(String name) {
            return attrs.get(name);
        }

        @Override
        public String tag(String key) {
            return tags.get(key);
        }
    };

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "name = 'fraud'                              | true",
            "name='fraud'                                | true",
            "name = \"fraud\"                            | true",
            "name != 'fraud'                             | false",
            "name LIKE 'fr%'                             | true",
            "name like 'fr_ud'                           | true",
            "name LIKE 'FR%'                             | false",
            "name ILIKE 'FR%'                            | true",
            "attribute.name = 'fraud'                    | true",
            "`name` = 'fraud'                            | true",
            "version_number = 3                          | true",
            "version_number = '3'                        | true",
            "version_number != 3                         | false",
            "version_number > 2                          | true",
            "version_number >= 4                         | false",
            "version_number < 4                          | true",
            "version_number <= 2                         | false",
            "run_id = 'r-1'                              | true",
            "run_id IN ('r-0', 'r-1')                    | true",
            "run_id in ('r-0','r-2')                     | false",
            "source_path = 's3://b/fraud/3'              | true",
            "source_path LIKE 's3://b/%'                 | true",
            "tags.stage-ok = 'yes'                       | true",
            "tag.stage-ok = 'yes'                        | true",
            "tags.`my key` = 'v'                         | true",
            "tags.\"my key\" != 'v'                      | false",
            "tags.mlflow.source = 'nb'                   | true",
            "tags.missing = 'x'                          | false",
            "tags.missing != 'x'                         | false",
            "tags.stage-ok ILIKE 'Y%'                    | true",
            "name = 'fraud' AND version_number = 3       | true",
            "name = 'fraud' and tags.stage-ok = 'no'     | false",
            "name LIKE '%' AND run_id IN ('r-1') AND source_path != 'x' | true",
            "name = '50%_off'                            | false",
    })
    void validFiltersMatchAsMlflowDoes(String filter, boolean expected) {
        assertThat(V.parseFilter(filter).matches(VERSION)).isEqualTo(expected);
    }

    @Test
    void emptyFilterMatchesEverythingAndEqualityIsExposed() {
        assertThat(V.parseFilter(null).matches(VERSION)).isTrue();
        assertThat(V.parseFilter("  ").clauses()).isEmpty();
        assertThat(V.parseFilter("version_number > 1 AND name = 'fraud'").equalityOn("name")).contains("fraud");
        assertThat(V.parseFilter("name LIKE 'f%'").equalityOn("name")).isEmpty();
    }

    /** Found by the fuzzing (issue 17): a filter ending in a dot ("tags.") threw StringIndexOutOfBounds, a 500. */
    @Test
    void aFilterEndingWhereAnIdentifierShouldBeIsRefused() {
        for (String filter : new String[] {"tags.", "tags.tags.", "tags.a.", "attribute."}) {
            assertThatThrownBy(() -> V.parseFilter(filter)).isInstanceOf(RegentException.class)
                    .hasMessageContaining("found the end of the filter");
        }
    }

    /** Issue 17: filters and order_by are bounded (length, clauses, IN values), refused with INVALID_ARGUMENT. */
    @Test
    void filtersAreBounded() {
        assertThatThrownBy(() -> V.parseFilter("name = '" + "x".repeat(InputLimits.FILTER_MAX_LENGTH) + "'"))
                .isInstanceOf(RegentException.class).hasMessageContaining("the limit is " + InputLimits.FILTER_MAX_LENGTH);
        String clauses = String.join(" AND ", java.util.Collections.nCopies(InputLimits.FILTER_MAX_CLAUSES + 1, "name = 'a'"));
        assertThatThrownBy(() -> V.parseFilter(clauses)).hasMessageContaining("more than " + InputLimits.FILTER_MAX_CLAUSES);
        String in = "run_id IN (" + String.join(",", java.util.Collections.nCopies(InputLimits.FILTER_MAX_IN_VALUES + 1, "'r'")) + ")";
        assertThatThrownBy(() -> V.parseFilter(in)).hasMessageContaining("more than " + InputLimits.FILTER_MAX_IN_VALUES);
        assertThatThrownBy(() -> V.parseOrderBy(java.util.Collections.nCopies(11, "name"))).hasMessageContaining("the limit is 10");
        assertThat(V.parseFilter(String.join(" AND ", java.util.Collections.nCopies(InputLimits.FILTER_MAX_CLAUSES, "name = 'a'")))
                .clauses()).hasSize(InputLimits.FILTER_MAX_CLAUSES);
    }

    @Test
    void likeTreatsRegexCharactersLiterally() {
        assertThat(Clause.like("a.b%", false).matcher("a.bc").matches()).isTrue();
        assertThat(Clause.like("a.b%", false).matcher("axbc").matches()).isFalse();
        assertThat(Clause.like("(x)*", false).matcher("(x)*").matches()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "name = 'a' OR name = 'b'        | OR is not supported",
            "name = 'a' name = 'b'           | expected AND between clauses",
            "name = 'a' AND                  | found the end of the filter",
            "description = 'x'               | invalid attribute 'description'",
            "params.x = 'y'                  | invalid entity type 'params'",
            "name == 'a'                     | invalid comparator",
            "name ~ 'a'                      | invalid comparator '~'",
            "name                            | expected a comparator",
            "name =                          | expected a quoted value",
            "name = fraud                    | expected a quoted string value",
            "name = 'fraud                   | unterminated string",
            "name > 'a'                      | only applies to numeric attributes",
            "version_number LIKE '3%'        | does not apply to numeric attribute",
            "version_number = 'three'        | expected an integer",
            "version_number = 3.5            | expected an integer",
            "name IN ('a')                   | IN only applies to [run_id]",
            "tags.k IN ('a')                 | IN only applies to [run_id]",
            "run_id IN 'a'                   | parenthesised list",
            "run_id IN ('a' 'b')             | expected ',' or ')'",
            "run_id IN ('a',                 | expected a quoted value",
            "run_id IN ('a', 1)              | expected a quoted string value",
            "tags.`k = 'v'                   | unterminated backtick",
            "tags. = 'v'                     | expected an attribute or tags.<key>",
            "= 'v'                           | expected an attribute or tags.<key>",
    })
    void malformedFiltersAreInvalidArgumentsNamingTheProblem(String filter, String message) {
        assertThatThrownBy(() -> V.parseFilter(filter)).isInstanceOfSatisfying(RegentException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("invalid filter at position").hasMessageContaining(message);
    }

    @Test
    void modelSearchesKnowOnlyNameAndTags() {
        assertThat(M.parseFilter("name ILIKE '%fraud%' AND tags.team = 'risk'").clauses()).hasSize(2);
        assertThatThrownBy(() -> M.parseFilter("version_number = 1")).hasMessageContaining("invalid attribute 'version_number' "
                + "for registered models");
        assertThatThrownBy(() -> M.parseFilter("run_id = 'x'")).hasMessageContaining("valid attributes are [name]");
    }

    @Test
    void orderByKeysDirectionsAndAliases() {
        assertThat(V.parseOrderBy(List.of("name", "version_number DESC", "`last_updated_timestamp` asc")))
                .containsExactly(new OrderBy("name", true), new OrderBy("version_number", false),
                        new OrderBy("last_updated_timestamp", true));
        assertThat(M.parseOrderBy(List.of("timestamp DESC"))).containsExactly(new OrderBy("creation_timestamp", false));
        assertThat(M.parseOrderBy(List.of("attribute.name"))).containsExactly(new OrderBy("name", true));
        assertThat(V.parseOrderBy(null)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "run_id                 | invalid order_by key 'run_id'",
            "name UP                | invalid order_by direction 'UP'",
            "name ASC extra         | invalid order_by clause",
            "''                     | invalid order_by clause",
    })
    void malformedOrderByIsRefused(String orderBy, String message) {
        assertThatThrownBy(() -> V.parseOrderBy(List.of(orderBy))).isInstanceOf(RegentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void versionNumberIsNotAModelOrderKeyAndKeysMayNotRepeat() {
        assertThatThrownBy(() -> M.parseOrderBy(List.of("version_number"))).hasMessageContaining("valid keys are");
        assertThatThrownBy(() -> V.parseOrderBy(List.of("name", "name DESC"))).hasMessageContaining("twice");
    }
}
