package io.hami.kubelet.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hami.kubelet.cri.v1.RunPodSandboxRequest;
import io.hami.kubelet.cri.v1.RunPodSandboxResponse;
import io.hami.kubelet.cri.v1.RuntimeServiceGrpc;
import io.hami.kubelet.cri.v1.VersionRequest;
import io.hami.kubelet.cri.v1.VersionResponse;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a CRI call that fails says: no runtime at the socket, a runtime gone, a runtime that refuses. */
class CriClientTest {
    @TempDir
    Path dir;

    @Test
    void aMissingSocketIsOneUnreachableError() {
        assertThatThrownBy(() -> CriClient.connect(dir.resolve("containerd.sock"), Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(CriException.class, e -> assertThat(e.unreachable()).isTrue())
                .hasMessage("no CRI runtime socket at " + dir.resolve("containerd.sock")
                        + " (is containerd running, with this grpc.address?)");
    }

    @Test
    void aRuntimeThatComesBackIsReachedAtOnceAfterCallsFailedWhileItWasGone() throws Exception {
        var socket = dir.resolve("c.sock");
        var group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        var server = fake(socket, group);
        try (var client = CriClient.connect(socket, Duration.ofSeconds(5))) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            Files.deleteIfExists(socket);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(client::version).isInstanceOfSatisfying(CriException.class, e -> assertThat(e.unreachable()).isTrue());
            }
            server = fake(socket, group);
            assertThat(client.version().getRuntimeName()).isEqualTo("fake");
        } finally {
            server.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** A runtime that answers Version and refuses every sandbox, as containerd does for an unknown handler. */
    private static Server fake(Path socket, MultiThreadIoEventLoopGroup group) throws java.io.IOException {
        return NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(group).workerEventLoopGroup(group)
                .addService(new RuntimeServiceGrpc.RuntimeServiceImplBase() {
                    @Override
                    public void version(VersionRequest request, StreamObserver<VersionResponse> out) {
                        out.onNext(VersionResponse.newBuilder().setRuntimeName("fake").build());
                        out.onCompleted();
                    }

                    @Override
                    public void runPodSandbox(RunPodSandboxRequest request, StreamObserver<RunPodSandboxResponse> out) {
                        out.onError(Status.NOT_FOUND.withDescription("no runtime for \"" + request.getRuntimeHandler()
                                + "\" is configured").asRuntimeException());
                    }
                }).build().start();
    }

    @Test
    void aRefusalNamesTheCallThePodAndTheRuntimesWordsAndAServerGoneIsUnreachable() throws Exception {
        var socket = dir.resolve("c.sock");
        var group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Server server = fake(socket, group);
        try (var client = CriClient.connect(socket, Duration.ofSeconds(5))) {
            assertThat(client.version().getRuntimeName()).isEqualTo("fake");
            var sandbox = CriPods.sandbox("ml", "trainer", "u1", dir);
            assertThatThrownBy(() -> client.runPodSandbox(sandbox, "hami"))
                    .isInstanceOfSatisfying(CriException.class, e -> assertThat(e.unreachable()).isFalse())
                    .hasMessage("RunPodSandbox (pod ml/trainer, runtime handler \"hami\"): the runtime at " + socket
                            + " answered NOT_FOUND: no runtime for \"hami\" is configured");
            assertThatThrownBy(() -> client.execSync("c1", java.util.List.of("true"), Duration.ofSeconds(1)))
                    .hasMessageStartingWith("ExecSync (container c1, true): the server at " + socket + " does not serve CRI v1 (");

            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            Files.deleteIfExists(socket);
            assertThatThrownBy(() -> client.stopContainer("c1", Duration.ofSeconds(1)))
                    .isInstanceOfSatisfying(CriException.class, e -> assertThat(e.unreachable()).isTrue())
                    .hasMessageStartingWith("StopContainer (container c1): no CRI runtime answers at " + socket
                            + " (not running, or its socket is gone): ");
        } finally {
            server.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
