package io.hami.bindings.dcmi;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The Java end of one {@code dcmi_subscribe_fault_event}: the upcall stub the library calls (from its own
 * thread) lands in {@link #onEvent}, which copies the event into a record and hands it to the listener.
 * Nothing may escape an upcall into native code, so a listener that throws is counted, not rethrown.
 *
 * <p>DCMI has no unsubscribe: the stub lives as long as the process, and {@link #close()} only stops the
 * listener hearing.
 */
public final class DcmiFaultSubscription implements AutoCloseable {

    private volatile Consumer<DcmiFaultEvent> listener;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    DcmiFaultSubscription(Consumer<DcmiFaultEvent> listener) {
        this.listener = listener;
    }

    /** The upcall's target: {@code void callback(struct dcmi_event *event)}. */
    void onEvent(MemorySegment event) {
        var l = listener;
        if (l == null) {
            return;
        }
        try {
            l.accept(DcmiLayouts.faultEvent(event));
            delivered.incrementAndGet();
        } catch (Throwable t) {
            failed.incrementAndGet();
        }
    }

    /** Events the listener heard. */
    public long delivered() {
        return delivered.get();
    }

    /** Events whose listener threw, or that could not be read. */
    public long failed() {
        return failed.get();
    }

    /** Stops the listener hearing; closing twice is harmless. */
    @Override
    public void close() {
        listener = null;
    }
}
