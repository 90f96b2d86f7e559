package io.hami.deviceplugin.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.hami.deviceplugin.devices.DeviceInventory;
import io.hami.kubelet.v1beta1.AllocateRequest;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.kubelet.v1beta1.ContainerAllocateRequest;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.kubelet.v1beta1.DevicePluginOptions;
import io.hami.kubelet.v1beta1.Empty;
import io.hami.kubelet.v1beta1.PreStartContainerRequest;
import io.hami.kubelet.v1beta1.PreStartContainerResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the services share (InventoryService): refusing an ID they do not offer, and the unary answers. */
class InventoryServiceTest {

    private final List<List<String>> allocated = new ArrayList<>();
    private final WholeDeviceService whole = new WholeDeviceService(new DeviceInventory(List.of()),
            new WholeDeviceResource("nvidia.com/mig-1g.5gb", "mig-1g-5gb", List.of("MIG-a", "MIG-b"), ids -> {
                allocated.add(ids);
                return ContainerAllocateResponse.newBuilder().putEnvs("DEVICES", String.join(",", ids)).build();
            }));

    @Test
    void aWholeDeviceServiceAnswersEachContainerWithWhatItsResourceGives() {
        var answer = new Answer<AllocateResponse>();
        whole.allocate(request(List.of("MIG-a"), List.of("MIG-b")), answer);

        assertThat(answer.values).singleElement().satisfies(r -> assertThat(r.getContainerResponsesList())
                .extracting(c -> c.getEnvsMap().get("DEVICES")).containsExactly("MIG-a", "MIG-b"));
        assertThat(answer.completed).isTrue();
    }

    @Test
    void anIdTheServiceDoesNotOfferIsRefusedBeforeAnyContainerIsAllocated() {
        var answer = new Answer<AllocateResponse>();
        whole.allocate(request(List.of("MIG-a"), List.of("MIG-x")), answer);

        assertThat(allocated).isEmpty();
        assertThat(answer.values).isEmpty();
        assertThat(answer.error).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription())
                    .isEqualTo("device ID MIG-x from kubelet is not a nvidia.com/mig-1g.5gb device of this node");
        });
    }

    @Test
    void aSlotServiceRefusesASlotOfADeviceTheNodeDoesNotHave() {
        var slots = new SlotResourceService(new DeviceInventory(List.of()),
                new SlotResource("cambricon.com/mlu.smlu.vcore", "vcore", d -> 100));
        var answer = new Answer<AllocateResponse>();
        slots.allocate(request(List.of("MLU-gone-3")), answer);

        assertThat(answer.error).isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
                e.getStatus().getDescription()).isEqualTo(
                "device ID MLU-gone-3 from kubelet is not a cambricon.com/mlu.smlu.vcore slot of this node"));
    }

    @Test
    void optionsAndPreStartAreAnsweredOnceAndCompleted() {
        var options = new Answer<DevicePluginOptions>();
        whole.getDevicePluginOptions(Empty.getDefaultInstance(), options);
        var preStart = new Answer<PreStartContainerResponse>();
        whole.preStartContainer(PreStartContainerRequest.getDefaultInstance(), preStart);

        assertThat(options.values).containsExactly(DevicePluginOptions.getDefaultInstance());
        assertThat(options.completed).isTrue();
        assertThat(preStart.values).containsExactly(PreStartContainerResponse.getDefaultInstance());
        assertThat(preStart.completed).isTrue();
    }

    @SafeVarargs
    private static AllocateRequest request(List<String>... containers) {
        var out = AllocateRequest.newBuilder();
        for (var ids : containers) {
            out.addContainerRequests(ContainerAllocateRequest.newBuilder().addAllDevicesIds(ids));
        }
        return out.build();
    }

    private static final class Answer<T> implements StreamObserver<T> {
        final List<T> values = new ArrayList<>();
        Throwable error;
        boolean completed;

        @Override
        public void onNext(T value) {
            values.add(value);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onCompleted() {
            completed = true;
        }
    }
}
