package dev.regent.cli;

/**
 * Where a short command's time goes (issue 18: a command should answer like gh): with
 * {@code REGENT_TRACE_STARTUP=1}, each phase of a command prints one line to standard error with the milliseconds
 * since the JVM started, e.g. {@code regent-trace:  212 ms  session open}. Off, a mark costs one field read.
 * {@code bench/cli-latency.sh} and docs/benchmarks.md use it to say what is left of a command's time.
 */
final class StartupTrace {
    private static final boolean ON = System.getenv("REGENT_TRACE_STARTUP") != null;
    /** The JVM's start, in the clock of System.currentTimeMillis (read only when tracing). */
    private static final long JVM_START = ON ? jvmStart() : 0;

    private StartupTrace() {
    }

    static void mark(String phase) {
        if (ON) {
            // no printf or indy concatenation: either would load what is being measured (locale data, method handles)
            System.err.println(new StringBuilder("regent-trace: ").append(System.currentTimeMillis() - JVM_START)
                    .append(" ms  ").append(phase));
        }
    }

    private static long jvmStart() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
