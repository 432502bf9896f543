package dev.regent.store.lock;

import java.nio.file.Path;
import java.time.Instant;

/** A separate process that takes a data directory's lock, says so on stdout, and holds it until killed. */
public final class LockingProcess {
    private LockingProcess() {
    }

    public static void main(String[] args) throws Exception {
        LockHolder me = LockHolder.thisProcess(LockHolder.Kind.valueOf(args[1]), Instant.now()).at("http://127.0.0.1:9");
        boolean shared = args[1].equals("LOCAL");
        DataDirLock lock = (shared ? DataDirLock.tryShared(Path.of(args[0]), me) : DataDirLock.tryExclusive(Path.of(args[0]), me))
                .orElseThrow();
        System.out.println("locked " + lock);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
