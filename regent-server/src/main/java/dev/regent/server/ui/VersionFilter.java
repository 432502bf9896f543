package dev.regent.server.ui;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.search.Field;
import dev.regent.core.search.Match;
import dev.regent.core.search.Predicate;
import dev.regent.core.search.SearchQuery;
import dev.regent.core.search.Sort;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model page's filter of its versions (query parameters {@code stage}, {@code run} and {@code tag}), run by the
 * registry's version search within the one model, newest first. An empty filter leaves the page to list every
 * version as before.
 */
record VersionFilter(String stage, String run, String tag) {
    static VersionFilter of(Context ctx) {
        String stage = QueryParams.trimmed(ctx.queryParam("stage"));
        return new VersionFilter(stage == null ? null : Stage.parse(stage).label(), QueryParams.trimmed(ctx.queryParam("run")),
                QueryParams.trimmed(ctx.queryParam("tag")));
    }

    boolean empty() {
        return stage == null && run == null && tag == null;
    }

    /** The search: this model's versions with the stage, a run id containing {@code run}, and the tag. */
    SearchQuery query(ModelName model) {
        List<Predicate> predicates = new ArrayList<>();
        predicates.add(Predicate.attribute(Field.NAME, Match.EQ, model.value()));
        if (stage != null) {
            predicates.add(Predicate.attribute(Field.STAGE, Match.EQ, stage));
        }
        if (run != null) {
            predicates.add(Predicate.attribute(Field.RUN_ID, Match.ILIKE, "%" + run + "%"));
        }
        if (tag != null) {
            int eq = tag.indexOf('=');
            predicates.add(eq < 0 ? Predicate.tag(tag, Match.LIKE, "%")
                    : Predicate.tag(tag.substring(0, eq).trim(), Match.EQ, tag.substring(eq + 1).trim()));
        }
        return new SearchQuery(predicates, List.of(new Sort(Sort.Key.VERSION_NUMBER, false)));
    }

    /** The query parameters of this filter, to carry into the links of its pages. */
    Map<String, String> params() {
        return Links.params("stage", stage, "run", run, "tag", tag);
    }
}
