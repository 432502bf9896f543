package dev.regent.cli;

/**
 * A server that cannot listen because the port is taken: said in one line with what to do, instead of the HTTP
 * library's stack trace ending in "IllegalStateException: STOPPED".
 */
final class PortInUse {
    private PortInUse() {
    }

    /** Whether the failure comes from binding a port that is in use (java.net.BindException anywhere in its causes). */
    static boolean causes(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || t.getClass().getSimpleName().equals("JavalinBindException")) {
                return true;
            }
        }
        return false;
    }

    /** Whether another process listens on the port now (binding it fails); false for port 0 (any free port). */
    static boolean busy(String host, int port) {
        if (port == 0) {
            return false;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
            return false;
        } catch (java.net.BindException e) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The one line to print: which port, and what to do. */
    static dev.regent.core.error.RegentException refusal(String host, int port) {
        return new dev.regent.core.error.RegentException(dev.regent.core.error.ErrorCode.UNAVAILABLE, "port " + port
                + " on " + host + " is already in use by another process: choose another with --port (or $REGENT_PORT), "
                + "or stop the process that holds it ('ss -ltnp' shows which)");
    }
}
