package dev.regent.cli;

import dev.regent.cli.output.ReportText;
import dev.regent.client.RegentClient;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Principal;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.store.RegistryStore;
import dev.regent.mcp.ChangeFeed;
import dev.regent.mcp.RegentMcpServer;
import dev.regent.mcp.ReportRenderer;
import dev.regent.mcp.SessionFactory;
import dev.regent.store.StoreFactory;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code regent mcp [--data DIR] [--db URL] [--policy FILE] --as AGENT} (local) or {@code --registry URL --token T}
 * (remote): serves the agent tools as a Model Context Protocol server on stdin/stdout until stdin closes. Local mode
 * opens the registry as the local commands do and records every change as {@code via=mcp:<tool>}; remote mode acts
 * as the token's principal through the REST API.
 */
@Command(name = "mcp", description = "Serve the agent tools (Model Context Protocol) on stdin/stdout until stdin closes.")
final class McpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        RegentCommand root = (RegentCommand) spec.root().userObject();
        CliEnvironment env = root.environment();
        // stdout belongs to the protocol from here on: the transport gets the real stream, and anything else that
        // prints to System.out (a library, a stray println) lands on stderr instead of corrupting the messages
        PrintStream protocol = System.out;
        InputStream in = System.in;
        System.setOut(System.err);
        Optional<RemoteConfig> remote = RemoteConfig.resolve(root);
        if (remote.isPresent()) {
            if (root.as != null) {
                throw RegentException.invalid("--as is for local mode; in remote mode the agent acts as the token's principal");
            }
            RegentClient client = RegentClient.connect(remote.get().url(), remote.get().token());
            env.err().println("regent mcp: serving on stdio as '" + client.actor() + "' against " + remote.get().url()
                    + " (remote mode: the server records via=mcp:<tool>)");
            env.err().flush();
            server(tool -> client.via("mcp:" + tool)).serveStdio(in, protocol,
                    ChangeFeed.remote(dev.regent.client.WebhookClient.connect(remote.get().url(), remote.get().token())));
            return ExitCodes.OK;
        }
        if (root.as == null) {
            throw RegentException.invalid("regent mcp acts as the agent's own principal: pass --as NAME (register it with "
                    + "'regent principal add NAME --role contributor --agent')");
        }
        Principal agent = Principal.of(root.as);
        Path dataDir = root.dataDirectory();
        String dbUrl = root.databaseUrl();
        Optional<PolicyFiles.Given> policy = PolicyFiles.given(root.policy, env, dataDir);
        Path data = dataDir.toAbsolutePath().normalize();
        RegistryStore store = LocalStore.open(data, dbUrl, env.clock(), false);
        try {
            Registry registry = new Registry(store, env.clock(), new SecureRandom(), new SourceRules(fileRoots(env, dataDir)),
                    PolicyFiles.seed(policy), StoreFactory.blobs(data), false)
                    .onBehalfOfOsUser(LocalSession.osUserName(env.osUser()));
            policy.ifPresent(given -> registry.policies().requireInEffect(given.policy(), given.how()));
            registry.access().bootstrapAdmin(LocalSession.osUser(env.osUser()), "first local operator of this registry");
            requireRegistered(registry, agent);
            env.err().println("regent mcp: serving on stdio as '" + agent + "' (data " + data + ", policy " + registry.policies().inEffect().revision().label()
                    + "); changes are recorded via=mcp:<tool>");
            env.err().flush();
            SessionFactory sessions = tool -> registry.via("mcp:" + tool).as(agent);
            server(sessions).serveStdio(in, protocol, ChangeFeed.of(registry));
            return ExitCodes.OK;
        } finally {
            store.close();
        }
    }

    /** The version the MCP server tells clients. */
    static final String VERSION = "0.1.0";

    private static RegentMcpServer server(SessionFactory sessions) {
        return new RegentMcpServer(sessions, renderer(), VERSION);
    }

    /** Reports as the CLI prints them: what every MCP transport (stdio here, HTTP in 'regent serve') answers. */
    static ReportRenderer renderer() {
        return report -> {
            StringWriter out = new StringWriter();
            ReportText.print(report, new PrintWriter(out));
            return out.toString();
        };
    }

    /** Fails before serving when the agent's principal is unknown (a viewer without global grants is fine). */
    private static void requireRegistered(Registry registry, Principal agent) {
        try {
            registry.as(agent).audit(AuditQuery.all(1));
        } catch (RegentException e) {
            if (e.code() != ErrorCode.PERMISSION_DENIED) {
                throw e;
            }
        }
    }

    /** Where file: sources may lie, as for every local command: the working and data directories, $REGENT_FILE_ROOTS. */
    private static List<Path> fileRoots(CliEnvironment env, Path dataDir) {
        List<Path> roots = new ArrayList<>(List.of(env.workingDir(), dataDir));
        env.variable("REGENT_FILE_ROOTS").ifPresent(value -> {
            for (String r : value.split(File.pathSeparator)) {
                if (!r.isBlank()) {
                    roots.add(Path.of(r));
                }
            }
        });
        return roots;
    }
}
