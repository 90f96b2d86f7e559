package io.hami.testfixtures.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashSet;
import java.util.Set;

/**
 * A TCP proxy on a loopback port in front of a server that cannot be stopped without losing its state (fabric8's
 * mock API server in CRUD mode): {@link #down(Outage)} makes the server look stopped, {@link #up()} makes it look
 * restarted, with everything it held. Bytes are forwarded as they are (TLS passes through).
 *
 * <p>An outage cuts every open connection and then, as {@link Outage#REFUSE}, resets each new connection at once (a
 * stopped process: the client's first read or write fails), or, as {@link Outage#BLACKHOLE}, accepts them and sends
 * nothing, ever (a host that went away behind a load balancer). The port stays bound through the outage, so no other
 * process on a busy machine can take it before {@link #up()}. Thread-safe; one platform thread accepts, two per
 * connection copy.
 */
public final class OutageProxy implements AutoCloseable {

    /** How the server looks while it is down. */
    public enum Outage {
        /** New connections are reset as soon as they are accepted. */
        REFUSE,
        /** New connections are accepted and never answered. */
        BLACKHOLE
    }

    private final InetSocketAddress target;
    private final int port;
    /** Every socket of every open connection, both ends. */
    private final Set<Socket> open = new HashSet<>();
    /** The client ends alone: one per connection. */
    private final Set<Socket> clients = new HashSet<>();
    private final ServerSocket listener;
    private Outage outage;
    private int accepted;
    private int cut;
    private boolean closed;

    private OutageProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
        this.port = listener.getLocalPort();
    }

    /** Starts forwarding a free loopback port to {@code target}. */
    public static OutageProxy start(InetSocketAddress target) {
        var proxy = new OutageProxy(target, bind(0));
        proxy.acceptOn(proxy.listener);
        return proxy;
    }

    private static ServerSocket bind(int port) {
        try {
            var socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + port, e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return port;
    }

    /** Connections accepted so far. */
    public synchronized int accepted() {
        return accepted;
    }

    /** Connections cut by outages so far. */
    public synchronized int cut() {
        return cut;
    }

    /** Starts an outage: every open connection is cut; new ones are refused or black-holed. */
    public synchronized void down(Outage how) {
        if (outage != null) {
            throw new IllegalStateException("already down (" + outage + ")");
        }
        outage = how;
        cutAll();
    }

    /** Ends the outage: black-holed connections are cut, and the port forwards again. */
    public synchronized void up() {
        if (outage == null) {
            throw new IllegalStateException("not down");
        }
        cutAll();
        outage = null;
    }

    private void cutAll() {
        cut += clients.size();
        open.forEach(OutageProxy::closeQuietly);
        open.clear();
        clients.clear();
    }

    private void acceptOn(ServerSocket socket) {
        Thread.ofPlatform().daemon().name("outage-proxy-accept-" + port).start(() -> {
            while (true) {
                Socket client;
                try {
                    client = socket.accept();
                } catch (IOException e) {
                    return; // closed by down(REFUSE) or close()
                }
                handle(client);
            }
        });
    }

    private void handle(Socket client) {
        Outage now;
        synchronized (this) {
            if (closed) {
                closeQuietly(client);
                return;
            }
            accepted++;
            open.add(client);
            clients.add(client);
            now = outage;
        }
        if (now == Outage.BLACKHOLE) {
            return; // held open and silent until up() or close() cuts it
        }
        if (now == Outage.REFUSE) {
            reset(client);
            return;
        }
        Socket server;
        try {
            server = new Socket(target.getAddress(), target.getPort());
        } catch (IOException e) {
            forget(client);
            return;
        }
        synchronized (this) {
            if (!open.contains(client)) { // cut while connecting
                closeQuietly(server);
                return;
            }
            open.add(server);
        }
        copy(client, server);
        copy(server, client);
    }

    private void copy(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("outage-proxy-copy").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (SocketException e) {
                // cut by an outage, or the other side went away
            } catch (IOException e) {
                // as above
            } finally {
                forget(from);
                forget(to);
            }
        });
    }

    /** Closes with an RST instead of a FIN, as a port nobody listens on answers. */
    private void reset(Socket client) {
        try {
            client.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already gone: closing is all that is left
        }
        forget(client);
    }

    private synchronized void forget(Socket socket) {
        open.remove(socket);
        clients.remove(socket);
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing: nothing left to do with it
        }
    }

    /** Stops listening and cuts every connection. */
    @Override
    public synchronized void close() {
        closed = true;
        open.forEach(OutageProxy::closeQuietly);
        open.clear();
        clients.clear();
        if (listener != null) {
            closeQuietly(listener);
        }
    }
}
