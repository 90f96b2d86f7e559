package io.hami.bindings.ffm;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reference-counted init and shutdown of one library: the first {@link #start} initialises it, the last
 * {@link Hold#close()} shuts it down, and a failed init is never followed by a shutdown (a crash in some
 * drivers). Thread-safe.
 */
public final class SessionCounter {

    private final Runnable init;
    private final Runnable shutdown;
    private final ReentrantLock lock = new ReentrantLock();
    private int sessions;

    /**
     * @param init     initialises the library, throwing when it fails
     * @param shutdown shuts it down, throwing when it fails; null for a library that has no shutdown
     */
    public SessionCounter(Runnable init, Runnable shutdown) {
        this.init = init;
        this.shutdown = shutdown;
    }

    /** One hold on the initialised library; closing it twice is harmless. */
    public final class Hold implements AutoCloseable {
        private final AtomicBoolean closed = new AtomicBoolean();

        private Hold() {
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            lock.lock();
            try {
                if (--sessions == 0 && shutdown != null) {
                    shutdown.run();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * A hold, initialising the library when none is open.
     *
     * @throws RuntimeException what init threw; nothing is left to close then
     */
    public Hold start() {
        lock.lock();
        try {
            if (sessions == 0) {
                init.run();
            }
            sessions++;
            return new Hold();
        } finally {
            lock.unlock();
        }
    }

    /** The number of open holds. */
    public int sessions() {
        lock.lock();
        try {
            return sessions;
        } finally {
            lock.unlock();
        }
    }
}
