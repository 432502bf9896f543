package dev.regent.cli;

import java.text.SimpleDateFormat;
import java.util.Locale;

/**
 * Reads the JDK's locale data for date formats on a second thread while the main one builds the command line (issue
 * 18: latency). Both modes need it early: the SQLite driver makes a date format for every connection (default
 * locale), Jackson's ObjectMapper one when its class loads (US). The first date format of a locale has the JDK work
 * out which of the ~800 locales it has calendar data for, ~60-100 ms of a short command's start on this machine;
 * done here first, the main thread finds it in the JDK's caches. Nothing here changes any result: the same lookups
 * happen anyway, only sooner and on another core; if this thread has not finished, the main thread waits for or
 * repeats the same work.
 */
final class LocaleDataWarmUp extends Thread {
    private LocaleDataWarmUp() {
        // a thread of its own class, not a lambda: linking a lambda not in the class-data archive costs more than this
        super("regent-locale-warm-up");
        setDaemon(true); // never holds the JVM's exit
    }

    /** Starts the warm-up. */
    static void begin() {
        new LocaleDataWarmUp().start();
    }

    @Override
    public void run() {
        try {
            // calendar, date-format symbols and number format of each locale, as the two libraries will ask
            new SimpleDateFormat("yyyy-MM-dd HH:mm:ss.SSS", Locale.getDefault());
            new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US);
        } catch (RuntimeException ignored) {
            // a warm-up only: whatever failed here fails again where it matters, and is reported there
        }
    }
}
