package io.hami.testfixtures.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many connections to one loopback port, each having sent the same part of a request and then holding it, as a
 * slow-request attack does, all from the calling thread (NIO): how a test sees what a server does with them.
 */
public final class HeldRequests implements AutoCloseable {

    private final Selector selector;
    private final List<SocketChannel> channels;
    private int closedByServer;

    private HeldRequests(Selector selector, List<SocketChannel> channels) {
        this.selector = selector;
        this.channels = channels;
    }

    /** Opens {@code count} connections to the loopback {@code port}, each sending {@code partial}. */
    public static HeldRequests open(int port, int count, byte[] partial) throws IOException {
        var selector = Selector.open();
        var channels = new ArrayList<SocketChannel>(count);
        var held = new HeldRequests(selector, channels);
        try {
            var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            for (int i = 0; i < count; i++) {
                SocketChannel channel = SocketChannel.open(address);
                channels.add(channel);
                try {
                    channel.write(ByteBuffer.wrap(partial));
                    channel.configureBlocking(false);
                    channel.register(selector, SelectionKey.OP_READ);
                } catch (IOException e) {
                    // Closed by the server before it could even be written to: that counts too.
                    held.closedByServer++;
                    channel.close();
                }
            }
        } catch (IOException | RuntimeException e) {
            held.close();
            throw e;
        }
        return held;
    }

    /**
     * Waits until the server has closed at least {@code wanted} of the connections (end of stream or reset), or
     * {@code bound} has passed; what the server sends before closing is dropped.
     *
     * @return how many the server has closed
     */
    public int awaitClosedByServer(int wanted, Duration bound) throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        var buffer = ByteBuffer.allocate(4096);
        while (closedByServer < wanted) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            selector.select(left);
            for (SelectionKey key : selector.selectedKeys()) {
                var channel = (SocketChannel) key.channel();
                int n;
                try {
                    buffer.clear();
                    n = channel.read(buffer);
                } catch (IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    closedByServer++;
                    key.cancel();
                    channel.close();
                }
            }
            selector.selectedKeys().clear();
        }
        return closedByServer;
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel c : channels) {
            c.close();
        }
        selector.close();
    }
}
