package io.hami.testfixtures.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hami.kubelet.v1beta1.AllocateRequest;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.kubelet.v1beta1.Device;
import io.hami.kubelet.v1beta1.DevicePluginGrpc;
import io.hami.kubelet.v1beta1.DevicePluginOptions;
import io.hami.kubelet.v1beta1.Empty;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import io.hami.kubelet.v1beta1.RegisterRequest;
import io.hami.kubelet.v1beta1.RegistrationGrpc;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake kubelet against a minimal plugin written here: registration, the device stream, calls, restart. */
class FakeKubeletTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** One device, and an Allocate that echoes the IDs or fails on an empty request. */
    static final class TinyPlugin extends DevicePluginGrpc.DevicePluginImplBase {
        @Override
        public void getDevicePluginOptions(Empty request, StreamObserver<DevicePluginOptions> observer) {
            observer.onNext(DevicePluginOptions.newBuilder().setGetPreferredAllocationAvailable(true).build());
            observer.onCompleted();
        }

        @Override
        public void listAndWatch(Empty request, StreamObserver<ListAndWatchResponse> observer) {
            observer.onNext(ListAndWatchResponse.newBuilder().addDevices(Device.newBuilder().setID("d-0").setHealth("Healthy")).build());
        }

        @Override
        public void allocate(AllocateRequest request, StreamObserver<AllocateResponse> observer) {
            if (request.getContainerRequests(0).getDevicesIdsCount() == 0) {
                observer.onError(Status.FAILED_PRECONDITION.withDescription("no ids").asRuntimeException());
                return;
            }
            observer.onNext(AllocateResponse.newBuilder().addContainerResponses(ContainerAllocateResponse.newBuilder()
                    .putEnvs("IDS", String.join(",", request.getContainerRequests(0).getDevicesIdsList()))).build());
            observer.onCompleted();
        }
    }

    @Test
    void followsARegisteredPluginAndCallsItAsKubeletWould() throws Exception {
        var group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try (var kubelet = FakeKubelet.start(dir)) {
            Server plugin = NettyServerBuilder.forAddress(new DomainSocketAddress(dir.resolve("tiny.sock").toString()))
                    .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(group).workerEventLoopGroup(group)
                    .addService(new TinyPlugin()).build().start();
            register(group, kubelet.socket(), "tiny.sock");

            assertThat(kubelet.awaitRegistrations(1, WAIT).getResourceName()).isEqualTo("example.com/tiny");
            assertThat(kubelet.options().getGetPreferredAllocationAvailable()).isTrue();
            assertThat(kubelet.awaitDevices(r -> r.getDevicesCount() == 1, WAIT).getDevices(0).getID()).isEqualTo("d-0");
            assertThat(kubelet.allocate(List.of(List.of("d-0"))).getContainerResponses(0).getEnvsMap()).containsEntry("IDS", "d-0");
            assertThatThrownBy(() -> kubelet.allocate(List.of(List.of())))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));

            kubelet.restart();
            assertThat(Files.exists(dir.resolve("tiny.sock"))).isFalse();
            assertThat(Files.exists(kubelet.socket())).isTrue();
            plugin.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void register(MultiThreadIoEventLoopGroup group, Path kubelet, String endpoint) {
        var channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(kubelet.toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().build();
        try {
            RegistrationGrpc.newBlockingStub(channel).register(RegisterRequest.newBuilder().setVersion("v1beta1")
                    .setEndpoint(endpoint).setResourceName("example.com/tiny").build());
        } finally {
            channel.shutdownNow();
        }
    }
}
