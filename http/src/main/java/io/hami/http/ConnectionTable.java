package io.hami.http;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The open connections of one listener, with the cap: at the cap, a new connection takes the place of the one that
 * has waited longest for a request (idle, or still sending its head or body). A connection whose request is being
 * answered is never displaced; when all are, the new one is refused. So a crowd of connections that send nothing, or
 * half a request, can hold the listener's memory at the cap but never keep a prompt client out.
 */
final class ConnectionTable {

    /** What a connection is doing; the first two may be displaced. */
    enum Phase {
        /** Waiting for a request, or for the rest of one, or lingering before close. */
        WAITING,
        /** Reading a request the client is sending. */
        READING,
        /** A route is answering, or the answer is being written. */
        ANSWERING
    }

    private final int max;
    private final Set<Connection> open = new HashSet<>();

    ConnectionTable(int max) {
        this.max = max;
    }

    /**
     * Admits a new connection (in phase {@link Phase#READING}, since now).
     *
     * @return the connection displaced to make room (already removed; the caller closes it), the new one itself when
     *         it is refused, or {@code null} when there was room
     */
    synchronized Connection admit(Connection c, long now) {
        c.phase = Phase.READING;
        c.since = now;
        if (open.size() < max) {
            open.add(c);
            return null;
        }
        Connection oldest = null;
        for (Connection o : open) {
            if (o.phase != Phase.ANSWERING && (oldest == null || o.since - oldest.since < 0)) {
                oldest = o;
            }
        }
        if (oldest == null) {
            return c;
        }
        open.remove(oldest);
        open.add(c);
        return oldest;
    }

    /** Records a connection's new phase; false when it was displaced (it must stop). */
    synchronized boolean phase(Connection c, Phase phase, long now) {
        if (!open.contains(c)) {
            return false;
        }
        c.phase = phase;
        c.since = now;
        return true;
    }

    synchronized void remove(Connection c) {
        if (open.remove(c)) {
            notifyAll();
        }
    }

    synchronized int size() {
        return open.size();
    }

    /** The connections not answering a request (closed first at shutdown). */
    synchronized List<Connection> waiting() {
        return open.stream().filter(c -> c.phase != Phase.ANSWERING).toList();
    }

    synchronized List<Connection> all() {
        return List.copyOf(open);
    }

    /** Waits until no connection is open or {@code deadline} (nanoTime) passes; whether none is open. */
    synchronized boolean awaitEmpty(long deadline) throws InterruptedException {
        while (!open.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
