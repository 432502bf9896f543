package dev.regent.cli;

import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.core.error.RegentException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code regent}: the root command, holding the global options every subcommand inherits. */
@Command(name = "regent", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "regent 0.1.0",
        description = "A model registry that governs how trained models move between stages.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused by a rule or gate", "2:bad input", "3:not found", "4:unauthorized",
                "5:internal error (a bug: the stack trace is printed)", "6:unavailable (unreachable, storage full, port taken)"})
public final class RegentCommand implements Runnable {
    /**
     * The subcommands, by name, in the order the usage help lists them. Not in the annotation: picocli would build
     * the whole tree by reflection (over a hundred classes) for every command; {@link #commandLine(CliEnvironment,
     * String[])} adds only the one the arguments name (issue 18: latency). LazyCommandLineTest checks each name
     * against its class's own.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
            "model", ModelCommand.class, "version", VersionCommand.class, "promote", PromoteCommand.class,
            "rollback", RollbackCommand.class, "alias", AliasCommand.class, "history", HistoryCommand.class,
            "audit", AuditCommand.class, "principal", PrincipalCommand.class, "card", CardCommand.class,
            "evidence", EvidenceCommand.class, "tag", TagCommand.class, "approve", ApproveCommand.class,
            "reject", RejectCommand.class, "approvals", ApprovalsCommand.class, "gates", GatesCommand.class,
            "policy", PolicyCommand.class, "token", TokenCommand.class, "webhook", WebhookCommand.class,
            "events", EventsCommand.class, "serve", ServeCommand.class, "mcp", McpCommand.class,
            "verify", VerifyCommand.class, "login", LoginCommand.class, "logout", LogoutCommand.class,
            "backup", BackupCommand.class, "restore", RestoreCommand.class);

    /** The root's options that take a value (skipped when looking for the subcommand's name). */
    private static final Set<String> VALUE_OPTIONS = Set.of("--data", "--db", "--policy", "--registry", "--token", "--as");

    private final CliEnvironment environment;

    @Option(names = "--data", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Data directory (default: $REGENT_DATA or ./regent-data).")
    Path data;

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Database JDBC URL, e.g. jdbc:postgresql://host/db (default: $REGENT_DB_URL or SQLite in the data directory).")
    String db;

    @Option(names = "--policy", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Policy file (default: $REGENT_POLICY, else regent-policy.yaml in the data directory): seeds policy "
                    + "revision 1 of a new registry, else must be the policy in effect (change it with 'regent policy apply'). "
                    + "With 'gates': a what-if, evaluated without being applied.")
    Path policy;

    /** Set by commands that evaluate --policy as a what-if (gates): the file is then not the registry's to check. */
    boolean policyIsWhatIf;

    @Option(names = "--registry", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Remote registry (default: $REGENT_URL, else the URL saved by 'regent login'; none: local mode).")
    String registry;

    @Option(names = "--local", scope = ScopeType.INHERIT,
            description = "Local mode even when $REGENT_URL or a saved login names a remote registry.")
    boolean local;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "T",
            description = "Bearer token for the remote registry (default: $REGENT_TOKEN, else the saved one).")
    String token;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON document instead of text.")
    boolean json;

    @Option(names = "--dry-run", scope = ScopeType.INHERIT,
            description = "Plan the change and report it without writing anything (mutating commands).")
    boolean dryRun;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, also print its stack trace (printed anyway for internal errors, exit 5).")
    boolean debug;

    @Option(names = "--as", scope = ScopeType.INHERIT, paramLabel = "PRINCIPAL",
            description = "The acting principal in local mode (default: the OS user).")
    String as;

    RegentCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The command line this root belongs to, with its subcommands (set by picocli). */
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // the spec's own command line: a new CommandLine(this) would have none of the subcommands, added outside the
        // annotation, and the usage would list no commands
        spec.commandLine().usage(environment.out());
    }

    CliEnvironment environment() {
        return environment;
    }

    /** A configured command line with every subcommand: injected writers, exit codes from errors. */
    public static CommandLine commandLine(CliEnvironment environment) {
        return commandLine(environment, null);
    }

    /**
     * The command line to run {@code args}: with only the subcommand they name when they plainly name one (the
     * output is the same, built in a fraction of the time), else with all of them (usage help, suggestions for a
     * mistyped command, anything unusual such as {@code @file} arguments or {@code --}).
     */
    public static CommandLine commandLine(CliEnvironment environment, String[] arguments) {
        RegentCommand root = new RegentCommand(environment);
        CommandLine cli = new CommandLine(root);
        int at = arguments == null ? -1 : subcommandAt(arguments);
        if (at >= 0) {
            String named = arguments[at];
            String next = at + 1 < arguments.length ? arguments[at + 1] : null;
            // a group's subcommand likewise: only the one named right after the group, else all of them
            Map<String, Class<?>> all = CommandGroups.of(named);
            cli.addSubcommand(named, command(cli, named,
                    next != null && all.containsKey(next) ? Map.of(next, all.get(next)) : all));
        } else {
            SUBCOMMANDS.forEach((name, type) -> cli.addSubcommand(name, command(cli, name, CommandGroups.of(name))));
        }
        cli.setOut(environment.out());
        cli.setErr(environment.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(root, ex));
        cli.setParameterExceptionHandler((ex, args) -> {
            String message = ex.getMessage();
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                // picocli knows the commands and options near what was typed: say them, as gh and git do
                message = message + "; did you mean " + String.join(" or ", unmatched.getSuggestions().stream()
                        .limit(3).map(s -> "'" + s + "'").toList()) + "?";
            }
            if (root.json) {
                Json.print(JsonViews.error(RegentException.invalid(message)), environment.out());
            } else {
                environment.err().println("error: " + message);
                environment.err().println("(see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            }
            environment.err().flush();
            return ExitCodes.BAD_INPUT;
        });
        return cli;
    }

    /**
     * The subcommand the arguments name: the first one that is neither a root option nor its value. Null (build
     * them all) when that is not a known subcommand, or when anything before it asks for the root's own help or
     * version, is an argument file, {@code --}, or an option this does not know to take a value or not.
     */
    static String subcommandNamed(String[] args) {
        int at = subcommandAt(args);
        return at < 0 ? null : args[at];
    }

    /** Where {@link #subcommandNamed} finds the subcommand's name in the arguments; -1 when it finds none. */
    private static int subcommandAt(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (VALUE_OPTIONS.contains(arg)) {
                i++;
            } else if (arg.startsWith("--") && arg.indexOf('=') > 0
                    && VALUE_OPTIONS.contains(arg.substring(0, arg.indexOf('=')))) {
                continue;
            } else if (arg.equals("--json") || arg.equals("--dry-run") || arg.equals("--debug") || arg.equals("--local")) {
                continue;
            } else {
                return SUBCOMMANDS.containsKey(arg) ? i : -1;
            }
        }
        return -1;
    }

    /**
     * A subcommand with the given subcommands of its own, built before it joins the root as picocli builds one whose
     * annotation lists them (so each inherits the root's options and help through it, as before).
     */
    private static CommandLine command(CommandLine root, String name, Map<String, Class<?>> subcommands) {
        CommandLine command = new CommandLine(SUBCOMMANDS.get(name), root.getFactory());
        subcommands.forEach(command::addSubcommand);
        return command;
    }

    /** Name, class, name, class...: the names written out, as reading each class's annotation costs a start. */
    private static Map<String, Class<?>> subcommands(Object... nameThenClass) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            byName.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    private static int handle(RegentCommand root, Exception ex) {
        CliEnvironment env = root.environment;
        RegentException error;
        if (ex instanceof RegentException re) {
            error = re;
        } else if (ex instanceof UncheckedIOException io) {
            error = RegentException.invalid(io.getMessage() + ": " + io.getCause().getMessage());
        } else {
            error = new RegentException(dev.regent.core.error.ErrorCode.INTERNAL,
                    "internal error: " + ex + " (please report it with the command you ran)");
            ex.printStackTrace(env.err());
        }
        if (root.debug && error.code() != dev.regent.core.error.ErrorCode.INTERNAL) {
            // an actionable error is one line; --debug shows where it came from too
            ex.printStackTrace(env.err());
        }
        if (root.json) {
            Json.print(JsonViews.error(error), env.out());
        } else {
            env.err().println("error: " + error.getMessage() + tokenHint(root, error));
        }
        env.err().flush();
        return error.code().exitCode();
    }

    /** A refused token (expired, revoked, unknown) in remote mode: where it came from and how to replace it. */
    private static String tokenHint(RegentCommand root, RegentException error) {
        if (error.code() != dev.regent.core.error.ErrorCode.UNAUTHENTICATED || root.local) {
            return "";
        }
        try {
            return RemoteConfig.resolve(root).map(remote -> " (the token from " + (root.token != null ? "--token"
                    : root.environment.variable("REGENT_TOKEN").isPresent() ? "$REGENT_TOKEN" : "'regent login'")
                    + " was refused by " + remote.url() + ": get a new one from an admin, then 'regent login "
                    + remote.url() + " --token T')").orElse("");
        } catch (RegentException noToken) {
            return "";
        }
    }

    /** The data directory: --data, else $REGENT_DATA, else ./regent-data (relative to the working directory). */
    Path dataDirectory() {
        return data != null ? environment.workingDir().resolve(data)
                : environment.variable("REGENT_DATA").map(d -> environment.workingDir().resolve(d))
                        .orElse(environment.workingDir().resolve("regent-data"));
    }

    /** The database URL: --db, else $REGENT_DB_URL, else null (the SQLite file in the data directory). */
    String databaseUrl() {
        return db != null ? db : environment.variable("REGENT_DB_URL").orElse(null);
    }
}
