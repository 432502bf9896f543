package dev.regent.mcp;

import static dev.regent.mcp.Targets.MODEL;
import static dev.regent.mcp.Targets.REASON;
import static dev.regent.mcp.Targets.VERSION;

import dev.regent.core.approval.Decision;
import dev.regent.core.card.CardFormat;
import dev.regent.core.card.ModelCard;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Params;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.Annotations;
import dev.regent.core.registry.NewEvidence;
import dev.regent.core.registry.NewVersion;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * The tools that change the registry. Each one calls exactly one registry operation and returns its five-part
 * report; the registry decides, so a tool can refuse only what the registry refuses. None deploys, downloads,
 * modifies or replaces an artifact, and none touches audit entries.
 */
final class ChangeTools {
    private final Results results;

    ChangeTools(Results results) {
        this.results = results;
    }

    List<ToolDef> all() {
        return List.of(createModel(), registerVersion(), annotateVersion(), setModelCard(), attachEvidence(),
                setComplianceTag(), approve(), promote(), rollback(), setAlias());
    }

    private ToolDef createModel() {
        return new ToolDef("create_model", "Create a model",
                "Creates a registered model (the name versions are registered under). Refuses a name that already exists "
                        + "(ALREADY_EXISTS) and principals without the contributor role.",
                List.of(MODEL, Param.string("description", false, Limits.DESCRIPTION, "What the model is for."),
                        Param.stringMap("tags", Limits.TAGS, "Ordinary tags, e.g. {\"team\": \"risk\"}.")),
                true, (session, args, dryRun) -> results.report(session.createModel(Targets.model(args),
                        Description.of(args.string("description").orElse(null)), Tags.of(args.stringMap("tags")), dryRun)));
    }

    private ToolDef registerVersion() {
        return new ToolDef("register_version", "Register a version",
                "Registers a new immutable version of an existing model: where the artifact lives (source URI) and its "
                        + "digest, lineage, metrics and params, none of which can change afterwards. Never uploads, "
                        + "downloads or modifies the artifact. Refuses: a digest the model already has (annotate that "
                        + "version instead), compliance tag names among the tags (use set_compliance_tag), file: sources "
                        + "outside the registry's allowed roots, malformed digests, missing models.",
                List.of(MODEL, Param.string("source", true, Limits.SOURCE, "Where the artifact lives: a URI such as "
                                + "s3://bucket/models/fraud/7 or file:///…"),
                        Param.string("digest", false, Limits.DIGEST, "The artifact's digest, sha256: followed by 64 hex "
                                + "digits (Production's default gates require one)."),
                        Param.string("run_id", false, Limits.LINEAGE, "The training run's id."),
                        Param.string("dataset_version", false, Limits.LINEAGE, "The training data's version."),
                        Param.string("code_version", false, Limits.LINEAGE, "The training code's version (e.g. a commit)."),
                        Param.numberMap("metrics", Limits.METRICS, "Metrics as finite numbers, e.g. {\"auc\": 0.93}."),
                        Param.stringMap("params", Limits.METRICS, "Training parameters, e.g. {\"depth\": \"8\"}."),
                        Param.string("description", false, Limits.DESCRIPTION, "What this version is."),
                        Param.stringMap("tags", Limits.TAGS, "Ordinary tags (not compliance tags).")),
                true, (session, args, dryRun) -> {
                    NewVersion request = new NewVersion(Targets.model(args), SourceUri.of(args.required("source")),
                            args.string("digest").map(Digest::parse).orElse(null),
                            new Lineage(args.string("run_id").orElse(null), args.string("dataset_version").orElse(null),
                                    args.string("code_version").orElse(null)),
                            Metrics.of(args.numberMap("metrics")), Params.of(args.stringMap("params")),
                            Description.of(args.string("description").orElse(null)), Tags.of(args.stringMap("tags")));
                    return results.report(session.registerVersion(request, dryRun));
                });
    }

    private ToolDef annotateVersion() {
        return new ToolDef("annotate_version", "Annotate a version",
                "Changes a version's description and ordinary tags (the only mutable fields of a version). Refuses "
                        + "compliance tag names (they need evidence: use set_compliance_tag), a tag both set and removed, "
                        + "and a call that changes nothing.",
                List.of(MODEL, VERSION, Param.string("description", false, Limits.DESCRIPTION, "The new description."),
                        Param.stringMap("tags", Limits.TAGS, "Tags to set, e.g. {\"owner\": \"risk-team\"}."),
                        Param.stringList("untag", Limits.TAGS, "Tag keys to remove.")),
                true, (session, args, dryRun) -> {
                    Annotations change = new Annotations(args.string("description").map(Description::of).orElse(null),
                            args.stringMap("tags"), new HashSet<>(args.stringList("untag")));
                    return results.report(session.updateVersion(Targets.model(args), Targets.version(args), change, dryRun));
                });
    }

    private ToolDef setModelCard() {
        return new ToolDef("set_model_card", "Write the model card",
                "Writes a new revision of a version's model card from Markdown (## sections, optional front matter), JSON "
                        + "or YAML text. Earlier revisions are kept; approvals given before go stale. Refuses cards that do "
                        + "not parse, unknown formats and cards over 256 KiB.",
                List.of(MODEL, VERSION, Param.string("card", true, Limits.CARD, "The card's text: Markdown with sections "
                                + "such as '## Intended use', '## Limitations', '## Risks', '## Contacts'; or JSON or YAML."),
                        Param.choice("format", false, List.of("markdown", "json", "yaml"),
                                "The card's format; detected from the text when not given.")),
                true, (session, args, dryRun) -> {
                    String text = args.required("card");
                    CardFormat format = args.string("format").map(f -> CardFormat.valueOf(f.trim().toUpperCase(Locale.ROOT)))
                            .orElseGet(() -> CardFormat.detect(null, text));
                    ModelCard card = ModelCard.parse(text, format);
                    return results.report(session.setCard(Targets.model(args), Targets.version(args), card, dryRun));
                });
    }

    private ToolDef attachEvidence() {
        return new ToolDef("attach_evidence", "Attach evidence",
                "Attaches immutable evidence that something was checked (kind eval-report, bias-report, validation-report, "
                        + "…): give its content as text ('content') or base64 ('content_base64', at most 16 MiB decoded), "
                        + "which the registry stores content-addressed, or a 'uri' with its 'digest'. An eval report is JSON "
                        + "with \"metrics\" (and optionally \"passed\", \"dataset\"); only stored eval reports pass gates. "
                        + "Refuses empty or oversized content, a digest that does not match the content, and a uri without "
                        + "digest.",
                List.of(MODEL, VERSION, Param.string("kind", true, Limits.KIND, "eval-report, bias-report, validation-report, …"),
                        Param.string("content", false, Limits.CONTENT_BYTES, "The evidence as text (e.g. the eval report's JSON)."),
                        Param.string("content_base64", false, Limits.CONTENT_BASE64, "The evidence's bytes, base64-encoded "
                                + "(at most 16 MiB decoded)."),
                        Param.string("uri", false, Limits.SOURCE, "Where the evidence lives, when not given as content."),
                        Param.string("digest", false, Limits.DIGEST, "sha256:HEX of the evidence: required with 'uri'; "
                                + "checked against the content when given with it."),
                        Param.string("summary", false, Limits.SUMMARY, "One line on what it shows.")),
                true, (session, args, dryRun) -> results.report(session.addEvidence(evidence(args), dryRun)));
    }

    private static NewEvidence evidence(Args args) {
        int given = (args.has("content") ? 1 : 0) + (args.has("content_base64") ? 1 : 0) + (args.has("uri") ? 1 : 0);
        if (given != 1) {
            throw RegentException.invalid("give exactly one of 'content' (text), 'content_base64' or 'uri' with 'digest'");
        }
        ModelName model = Targets.model(args);
        VersionNumber version = Targets.version(args);
        EvidenceKind kind = EvidenceKind.of(args.required("kind"));
        Digest declared = args.string("digest").map(Digest::parse).orElse(null);
        String summary = args.string("summary").orElse(null);
        if (args.has("uri")) {
            if (declared == null) {
                throw RegentException.invalid("evidence given by 'uri' needs its 'digest' sha256:…, so what was checked is pinned");
            }
            return NewEvidence.referenced(model, version, kind, SourceUri.of(args.required("uri")), declared, summary);
        }
        byte[] bytes;
        if (args.has("content")) {
            bytes = args.required("content").getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                bytes = Base64.getMimeDecoder().decode(args.required("content_base64"));
            } catch (IllegalArgumentException e) {
                throw RegentException.invalid("'content_base64' is not valid base64: " + e.getMessage());
            }
        }
        if (bytes.length > Limits.CONTENT_BYTES) {
            throw RegentException.invalid("evidence content is " + bytes.length + " bytes; the limit is " + Limits.CONTENT_BYTES);
        }
        return NewEvidence.inline(model, version, kind, bytes, declared, summary);
    }

    private ToolDef setComplianceTag() {
        return new ToolDef("set_compliance_tag", "Set a compliance tag",
                "Sets a compliance tag (e.g. bias_checked, validated) on a version, backed by attached evidence of a kind "
                        + "the policy says supports it. Refuses tags the policy does not declare, evidence that is missing, "
                        + "revoked, attached to another version or of a kind that does not support the tag: no evidence, "
                        + "no tag.",
                List.of(MODEL, VERSION, Param.string("tag", true, Limits.TAG_NAME, "The compliance tag, e.g. bias_checked."),
                        Param.string("evidence", true, Limits.EVIDENCE_ID, "The id of the evidence that supports it "
                                + "(from attach_evidence).")),
                true, (session, args, dryRun) -> results.report(session.setComplianceTag(Targets.model(args),
                        Targets.version(args), args.required("tag"), EvidenceId.parse(args.required("evidence")), dryRun)));
    }

    private ToolDef approve() {
        return new ToolDef("approve", "Approve (people only)",
                "Records an approval of a version for a stage or alias. An agent's call is ALWAYS refused: approvals need "
                        + "a person with the approver role who did not create the version and does not request the "
                        + "promotion ('regent approve MODEL VERSION --for STAGE'). The refusal is recorded in the audit log. "
                        + "Use request_promotion to see which approvals are missing.",
                List.of(MODEL, VERSION, Targets.OPTIONAL_STAGE, Targets.OPTIONAL_ALIAS,
                        Param.string("comment", false, Limits.COMMENT, "What was reviewed.")),
                true, (session, args, dryRun) -> results.report(session.decide(Targets.model(args), Targets.version(args),
                        Targets.gateTarget(args), Decision.APPROVE, args.string("comment").orElse(null), dryRun)));
    }

    private ToolDef promote() {
        return new ToolDef("promote", "Promote",
                "Moves a version to a stage (Staging, Production, …) after every gate of the policy passes, inside the "
                        + "transaction that writes it; the current holder of an exclusive stage is archived. Refuses "
                        + "(GATE_FAILED) when any gate fails: missing eval report or metric threshold, missing card "
                        + "sections, missing or stale approvals, missing compliance tags or digest. Call request_promotion "
                        + "first to see what is missing.",
                List.of(MODEL, VERSION, Targets.STAGE, REASON),
                true, (session, args, dryRun) -> results.report(session.promote(Targets.model(args), Targets.version(args),
                        Targets.stage(args), Reason.of(args.required("reason")), dryRun)));
    }

    private ToolDef rollback() {
        return new ToolDef("rollback", "Roll back a stage",
                "Returns a stage to the version that held it before (or 'version', if it held the stage) and archives the "
                        + "current holder. Needs the approver role, so an agent's call is refused unless an admin granted "
                        + "it; also refuses targets that never entered the stage by promotion or whose evidence was revoked "
                        + "since.",
                List.of(MODEL, Targets.STAGE, REASON, Param.integer("version", false,
                        "The earlier holder to return to (default: the most recent one).")),
                true, (session, args, dryRun) -> results.report(session.rollback(Targets.model(args), Targets.stage(args),
                        Reason.of(args.required("reason")), args.integer("version").map(VersionNumber::of).orElse(null),
                        dryRun)));
    }

    private ToolDef setAlias() {
        return new ToolDef("set_alias", "Set an alias",
                "Points an alias (e.g. champion) at a version, creating or moving it. Deployments follow aliases, so every "
                        + "alias move passes gates: those the policy declares for the alias, else Production's. Refused "
                        + "(GATE_FAILED) while any fails; check_gates with the alias says which.",
                List.of(MODEL, Param.string("alias", true, Limits.NAME, "The alias, e.g. champion."), VERSION, REASON),
                true, (session, args, dryRun) -> results.report(session.setAlias(Targets.model(args),
                        AliasName.of(args.required("alias")), Targets.version(args), Reason.of(args.required("reason")),
                        dryRun)));
    }
}
