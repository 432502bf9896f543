package dev.regent.server.ui;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.model.Model;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.registry.ModelOverview;
import dev.regent.core.registry.Registry;
import dev.regent.core.search.Field;
import dev.regent.core.search.Found;
import dev.regent.core.search.Match;
import dev.regent.core.search.Predicate;
import dev.regent.core.search.SearchQuery;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.ModelRow;
import dev.regent.server.ui.view.ModelsView;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The models page: search by part of the name, a tag and a stage, one page of models with their stage holders. */
final class ModelsPage {
    static final int PAGE = 25;

    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;

    ModelsPage(UiEndpoints endpoints, WebUi ui, Templates templates) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
    }

    void register() {
        endpoints.get("/", this::models);
    }

    private Registry registry() {
        return endpoints.registry();
    }

    private void models(Context ctx, PrincipalRecord caller) {
        Principal actor = caller.principal();
        String name = QueryParams.trimmed(ctx.queryParam("name"));
        String tag = QueryParams.trimmed(ctx.queryParam("tag"));
        String stage = QueryParams.trimmed(ctx.queryParam("stage"));
        int offset = QueryParams.offset(ctx.queryParam("offset"));
        ModelsSort order = ModelsSort.parse(QueryParams.trimmed(ctx.queryParam("sort")), QueryParams.trimmed(ctx.queryParam("dir")));
        List<Predicate> predicates = new ArrayList<>();
        if (name != null) {
            // a part of the name, case-insensitive; '%' and '_' the user types are wildcards as in MLflow's LIKE
            predicates.add(Predicate.attribute(Field.NAME, Match.ILIKE, "%" + name + "%"));
        }
        if (tag != null) {
            int eq = tag.indexOf('=');
            predicates.add(eq < 0 ? Predicate.tag(tag, Match.LIKE, "%")
                    : Predicate.tag(tag.substring(0, eq).trim(), Match.EQ, tag.substring(eq + 1).trim()));
        }
        if (stage != null) {
            predicates.add(Predicate.attribute(Field.STAGE, Match.EQ, Stage.parse(stage).label()));
        }
        Found<Model> found = registry().search().searchModels(actor, new SearchQuery(predicates, List.of(order.sort())), offset, PAGE);
        List<ModelRow> rows = new ArrayList<>();
        for (Model m : found.items()) {
            // one overview per listed model: a page holds at most PAGE of them
            ModelOverview o = registry().overview(actor, m.name());
            rows.add(new ModelRow(m, o.stageHolders().get(Stage.PRODUCTION), o.stageHolders().get(Stage.STAGING),
                    o.aliases(), o.liveVersions(), o.latest()));
        }
        String previous = offset == 0 ? null : link(name, tag, stage, order, offset - PAGE <= 0 ? 0 : offset - PAGE);
        String next = found.more() && offset + PAGE <= QueryParams.MAX_OFFSET ? link(name, tag, stage, order, offset + PAGE) : null;
        java.util.Map<String, String> sortLinks = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> ariaSort = new java.util.LinkedHashMap<>();
        for (String column : ModelsSort.COLUMNS) {
            // a sort starts again from the first page
            sortLinks.put(column, link(name, tag, stage, order.toggled(column), 0));
            ariaSort.put(column, order.ariaSort(column));
        }
        List<String> stages = Arrays.stream(Stage.values()).map(Stage::label).toList();
        templates.render(ctx, 200, "models", new ModelsView(ui.frame(ctx, caller, "Models", "models"), name == null ? "" : name,
                tag == null ? "" : tag, stage == null ? "" : Stage.parse(stage).label(), stages, rows, previous, next,
                order.columnParam(), order.dirParam(), sortLinks, ariaSort, caller.grants().stream().anyMatch(g -> g.role().includes(Role.CONTRIBUTOR))));
    }

    /** The models list with these filters, this order and this offset (defaults left out of the URL). */
    private static String link(String name, String tag, String stage, ModelsSort order, int offset) {
        return Links.withQuery("/", Links.params("name", name, "tag", tag, "stage", stage, "sort", order.columnParam(),
                "dir", order.dirParam(), "offset", offset == 0 ? null : Integer.toString(offset)));
    }
}
