// The physical reference of bench/run.sh: a trivial Javalin handler on the same Javalin and Jetty as Regent (the
// classes of regent.jar), started with the launcher's JVM flags, answering one fixed JSON body and doing nothing else
// (no access log, no metrics, no headers, no authentication). Run by hand or by bench/run.sh, never by the tests:
//   java $SERVER_OPTS -cp regent-cli/target/regent.jar bench/Trivial.java PORT
// Every read scenario is reported as a ratio to GET /trivial measured in the same run.
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;

public class Trivial {
    public static void main(String[] args) {
        byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.http.generateEtags = false;
            c.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
        });
        app.get("/trivial", ctx -> ctx.contentType("application/json").result(body));
        app.start("127.0.0.1", Integer.parseInt(args[0]));
    }
}
