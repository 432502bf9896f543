package dev.regent.core.event;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.store.StoreTransaction;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryStatus;
import dev.regent.core.webhook.Subscription;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what a change tells the outside world in the change's own transaction: the event of a just-appended audit
 * entry and one pending delivery per webhook subscribed to it. Nothing is sent here; a worker sends after commit. So
 * no change commits without its event and deliveries, and no event exists without its change.
 */
public final class Outbox {
    private Outbox() {
    }

    /** Records the event of a stored audit entry (if it is one) and its deliveries; returns whether it was an event. */
    public static boolean record(StoreTransaction tx, AuditEntry appended) {
        var event = Event.of(appended);
        if (event.isEmpty()) {
            return false;
        }
        Event e = event.get();
        tx.insertEvent(e);
        List<Delivery> deliveries = new ArrayList<>();
        for (Subscription s : tx.subscriptionsFor(e.model())) {
            if (s.matches(e)) {
                deliveries.add(new Delivery(Delivery.idFor(s.webhookId(), e.seq()), s.webhookId(), e.seq(), e.model(),
                        DeliveryStatus.PENDING, 0, e.at(), e.at(), null));
            }
        }
        // one batch, whatever the number of webhooks
        tx.insertDeliveries(deliveries);
        return true;
    }
}
