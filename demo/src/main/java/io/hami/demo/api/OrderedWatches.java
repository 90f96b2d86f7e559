package io.hami.demo.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The embedded API server's watches, delivered as a real API server delivers them: each watch gets its events in the
 * order of the writes (the order of their resourceVersions), starting with the state it was opened on, and the
 * writer never waits for a watcher. A write only queues its event on each matching watch (under the store's write
 * lock, which gives the order); each watch has a sender of its own (a virtual thread) that turns events into JSON and
 * writes them to its socket, so a slow watcher holds up nobody but itself.
 *
 * <p>fabric8's own watches encode each event for every watcher while the writer holds the store's lock, read the
 * initial state only when the socket opens (writes landing in between arrive twice, out of order), and wait on the
 * server's event loop for a closing watch's sends.
 */
final class OrderedWatches {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<Watch> open = new CopyOnWriteArraySet<>();

    /**
     * A new watch of the objects matching {@code query}, whose first events are ADDED for {@code current}. The caller
     * holds the store's lock, so no write lands between reading {@code current} and the registration.
     */
    Watch register(AttributeSet query, List<String> current) {
        var watch = new Watch(query);
        current.forEach(object -> watch.queue("ADDED", object));
        open.add(watch);
        return watch;
    }

    /**
     * Queues a write's event on each watch it concerns: MODIFIED for a watch that matched before and after, ADDED or
     * DELETED for one that matches only after or only before. The caller holds the store's write lock.
     */
    void publish(AttributeSet before, String previous, AttributeSet after, String current) {
        for (Watch watch : open) {
            boolean matchedBefore = before != null && before.matches(watch.query);
            boolean matchesAfter = after != null && after.matches(watch.query);
            if (matchedBefore && matchesAfter) {
                watch.queue("MODIFIED", current);
            } else if (matchedBefore) {
                watch.queue("DELETED", previous);
            } else if (matchesAfter) {
                watch.queue("ADDED", current);
            }
        }
    }

    /** Ends every watch (the server is stopping). */
    void closeAll() {
        open.forEach(Watch::stop);
        open.clear();
    }

    /** One watch: its query, its queue of events, and its sender once the socket is open. */
    final class Watch extends WebSocketListener {

        private final AttributeSet query;
        private final LinkedBlockingQueue<Item> events = new LinkedBlockingQueue<>();

        private Watch(AttributeSet query) {
            this.query = query;
        }

        private void queue(String type, String object) {
            events.add(new Item(type, object, 0, null));
        }

        private void stop() {
            events.add(Item.STOP);
        }

        @Override
        public void onOpen(WebSocket socket, Response response) {
            Thread.ofVirtual().name("hami-api-watch").start(() -> send(socket));
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            // The client asked to close: close after the events already queued, as the socket's order demands.
            events.add(new Item(null, null, code, reason));
        }

        @Override
        public void onClosed(WebSocket socket, int code, String reason) {
            open.remove(this);
            stop();
        }

        @Override
        public void onFailure(WebSocket socket, Throwable failure, Response response) {
            open.remove(this);
            stop();
        }

        private void send(WebSocket socket) {
            try {
                while (true) {
                    Item item = events.take();
                    if (item == Item.STOP) {
                        socket.close(1000, "watch ended");
                        return;
                    }
                    if (item.type() == null) {
                        socket.close(item.code(), item.reason());
                        return;
                    }
                    if (!socket.send(event(item))) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                open.remove(this);
            }
        }

        private static String event(Item item) {
            var event = JSON.createObjectNode().put("type", item.type());
            event.putRawValue("object", new RawValue(item.object()));
            return event.toString();
        }
    }

    /** An event (type and object JSON as stored), a close asked for by the client (no type), or {@link #STOP}. */
    private record Item(String type, String object, int code, String reason) {
        static final Item STOP = new Item(null, null, 1000, "stop");
    }
}
