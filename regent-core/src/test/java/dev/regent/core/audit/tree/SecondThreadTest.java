package dev.regent.core.audit.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verification's second thread sees every item, in order, and neither side's failure is lost or hangs the other. */
class SecondThreadTest {

    @Test
    void everyItemReachesTheConsumerInOrderAcrossBatches() {
        List<Integer> seen = new ArrayList<>();
        int n = SecondThread.BATCH * 40 + 7; // more batches than the queue holds, and a last one not full
        try (SecondThread<Integer> second = new SecondThread<>("test", seen::add)) {
            for (int i = 0; i < n; i++) {
                second.accept(i);
            }
            second.finish();
        }
        assertThat(seen).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
    }

    @Test
    void theConsumersFailureStopsTheProducerAndIsRethrown() {
        List<Integer> seen = new ArrayList<>();
        SecondThread<Integer> second = new SecondThread<>("test", i -> {
            if (i == 1000) {
                throw new IllegalArgumentException("entry 1000 is bad");
            }
            seen.add(i);
        });
        assertThatThrownBy(() -> {
            try (second) {
                for (int i = 0; i < 10_000_000; i++) { // far more than fits in the queue: must not block forever
                    second.accept(i);
                }
                second.finish();
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessage("entry 1000 is bad");
        assertThat(seen).hasSize(1000);
    }

    @Test
    void aProducerThatFailsStopsTheSecondThread() throws Exception {
        List<Thread> consumers = new ArrayList<>();
        SecondThread<Integer> second = new SecondThread<>("second-thread-test", i -> consumers.add(Thread.currentThread()));
        assertThatThrownBy(() -> {
            try (second) {
                for (int i = 0; i < SecondThread.BATCH + 1; i++) {
                    second.accept(i);
                }
                throw new IllegalStateException("the database went away");
            }
        }).hasMessage("the database went away");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("second-thread-test"));
    }
}
