package dev.regent.cli.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.cli.CliTestAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The CLI as a transport, in local mode (--as) or remote mode (--registry/--token); the command words are the same. */
final class CliOperations implements Operations {
    private final String name;
    private final Function<String[], CliTestAccess.Run> cli;
    private final Function<String, List<String>> identity;
    private final java.nio.file.Path workDir;
    private int files;


    CliOperations(String name, Function<String[], CliTestAccess.Run> cli, Function<String, List<String>> identity, java.nio.file.Path workDir) {
        this.name = name;
        this.cli = cli;
        this.identity = identity;
        this.workDir = workDir;
    }

    /** The CLI reads cards and evidence from files: write one in the working directory, return its name. */
    private String file(String suffix, byte[] content) {
        String fileName = "input-" + (++files) + suffix;
        try {
            java.nio.file.Files.write(workDir.resolve(fileName), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return fileName;
    }

    @Override
    public String name() {
        return name;
    }

    private CliTestAccess.Run run(String who, String... args) {
        List<String> all = new ArrayList<>(identity.apply(who));
        all.addAll(Arrays.asList(args));
        return cli.apply(all.toArray(new String[0]));
    }

    /** Output and error text of a run, with the exit code, for comparing transports. */
    String runText(String who, String... args) {
        CliTestAccess.Run r = run(who, args);
        return "exit " + r.exit() + "\n" + r.out() + r.err();
    }

    private Outcome outcome(String who, String... args) {
        return Outcome.ofExitCode(run(who, args).exit());
    }

    @Override
    public Outcome addPrincipal(String who, String principal, String role) {
        return outcome(who, "principal", "add", principal, "--role", role);
    }

    @Override
    public Outcome createModel(String who, String model) {
        return outcome(who, "model", "create", model);
    }

    @Override
    public Outcome register(String who, String model, String source, String digest) {
        return outcome(who, "version", "register", model, "--source", source, "--digest", digest);
    }

    @Override
    public Outcome promote(String who, String model, int version, String stage) {
        return outcome(who, "promote", model, Integer.toString(version), "--to", stage, "--reason", "scenario");
    }

    @Override
    public Outcome rollback(String who, String model, String stage) {
        return outcome(who, "rollback", model, "--stage", stage, "--reason", "scenario");
    }

    @Override
    public Outcome setAlias(String who, String model, String alias, int version) {
        return outcome(who, "alias", "set", model, alias, Integer.toString(version), "--reason", "scenario");
    }

    @Override
    public Outcome setCard(String who, String model, int version, String markdown) {
        String file = file(".md", markdown.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return outcome(who, "card", "set", model, Integer.toString(version), "--file", file);
    }

    @Override
    public String addEvidence(String who, String model, int version, String kind, byte[] content) {
        String file = file(".json", content);
        CliTestAccess.Run r = run(who, "evidence", "add", model, Integer.toString(version), "--kind", kind, "--file", file, "--id-only");
        if (r.exit() != 0) {
            throw new AssertionError(name + ": evidence add failed: " + r);
        }
        return r.out().strip();
    }

    @Override
    public Outcome setTag(String who, String model, int version, String tag, String evidence) {
        return outcome(who, "tag", "set", model, Integer.toString(version), tag, "--evidence", evidence);
    }

    @Override
    public Outcome approve(String who, String model, int version, String target) {
        return outcome(who, "approve", model, Integer.toString(version), "--for", target);
    }

    @Override
    public String stageOf(String who, String model, int version) {
        CliTestAccess.Run r = run(who, "--json", "version", "show", model, Integer.toString(version));
        if (r.exit() != 0) {
            return Outcome.ofExitCode(r.exit()).name();
        }
        return json(r.out()).get("stage").asText();
    }

    @Override
    public int aliasOf(String who, String model, String alias) {
        CliTestAccess.Run r = run(who, "--json", "model", "show", model);
        JsonNode aliases = json(r.out()).get("aliases");
        return aliases != null && aliases.has(alias) ? aliases.get(alias).asInt() : -1;
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
