package io.hami.deviceplugin.kubelet;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * gRPC over Unix domain sockets through Netty's epoll transport: one small event-loop group for the plugin's
 * server and its calls to kubelet. kubelet speaks plaintext HTTP/2 on these sockets.
 */
public final class EpollTransport implements AutoCloseable {

    private final EventLoopGroup group;

    /**
     * @param threads event-loop threads (one or two: the plugin serves one kubelet)
     * @throws IllegalStateException when the native epoll transport cannot load (not Linux x86-64)
     */
    public EpollTransport(int threads) {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("the epoll transport is unavailable: " + Epoll.unavailabilityCause());
        }
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("hami-grpc", true),
                EpollIoHandler.newFactory());
    }

    /** A server builder listening on {@code socket}. */
    public NettyServerBuilder server(Path socket) {
        return NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(group)
                .workerEventLoopGroup(group);
    }

    /** A plaintext channel to the server on {@code socket}. */
    public ManagedChannel channel(Path socket) {
        return NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollDomainSocketChannel.class)
                .eventLoopGroup(group)
                .usePlaintext()
                .build();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
