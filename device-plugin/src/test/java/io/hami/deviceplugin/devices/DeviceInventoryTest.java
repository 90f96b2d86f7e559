package io.hami.deviceplugin.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeviceInventoryTest {
    static PhysicalDevice gpu(int index, String uuid, boolean healthy) {
        return new PhysicalDevice(index, uuid, "NVIDIA-T4", OptionalLong.of(15360), OptionalInt.of(0), healthy);
    }

    @Test
    void healthOnlyGoesDownAndListenersHearOfRealChangesOnly() {
        var inventory = new DeviceInventory(List.of(gpu(0, "GPU-a", true), gpu(1, "GPU-b", false)));
        var heard = new AtomicInteger();
        try (var _ = inventory.onChange(heard::incrementAndGet)) {
            inventory.markUnhealthy(List.of("GPU-b", "GPU-unknown"), "XID 79");
            assertThat(heard).hasValue(0);
            inventory.markUnhealthy(List.of("GPU-a"), "XID 79");
            inventory.markUnhealthy(List.of("GPU-a"), "XID 79 again");
            assertThat(heard).hasValue(1);
        }
        inventory.markUnhealthy(List.of("GPU-a"), "after unsubscribing");
        assertThat(inventory.snapshot()).extracting(DeviceInventory.DeviceState::healthy).containsExactly(false, false);
    }

    @Test
    void aDeviceComesBackOnlyWhenItsSourceSaysItRecovered() {
        var inventory = new DeviceInventory(List.of(gpu(0, "GPU-a", true), gpu(1, "GPU-b", false)));
        var heard = new AtomicInteger();
        try (var _ = inventory.onChange(heard::incrementAndGet)) {
            inventory.markRecovered(List.of("GPU-a", "GPU-unknown"), "already healthy");
            assertThat(heard).hasValue(0);
            inventory.markUnhealthy(List.of("GPU-a"), "library gone");
            inventory.markRecovered(List.of("GPU-a", "GPU-b"), "answers again");
            assertThat(heard).hasValue(2);
        }
        assertThat(inventory.snapshot()).extracting(DeviceInventory.DeviceState::healthy).containsExactly(true, true);
    }

    @Test
    void anAllocationNamesADeviceByUuidOrByTheIdTheSchedulerMadeUpForItsPosition() {
        var inventory = new DeviceInventory(List.of(gpu(0, "MLU-a", true), gpu(1, "MLU-b", true)));
        var cambricon = io.hami.model.vendor.Vendor.CAMBRICON;
        assertThat(inventory.allocated("n1", cambricon, "MLU-b")).map(PhysicalDevice::uuid).contains("MLU-b");
        assertThat(inventory.allocated("n1", cambricon, "n1-cambricon-mlu-1")).map(PhysicalDevice::uuid).contains("MLU-b");
        assertThat(inventory.allocated("n1", cambricon, "n1-cambricon-mlu-2")).isEmpty();
        assertThat(inventory.allocated("n1", cambricon, "n2-cambricon-mlu-0")).isEmpty();
        assertThat(inventory.allocated("n1", cambricon, "n1-cambricon-mlu-01")).isEmpty();
        assertThat(inventory.allocated("n1", io.hami.model.vendor.Vendor.HYGON, "n1-cambricon-mlu-0")).isEmpty();
    }

    @Test
    void refusesTwoDevicesWithOneUuid() {
        assertThatThrownBy(() -> new DeviceInventory(List.of(gpu(0, "GPU-a", true), gpu(1, "GPU-a", true))))
                .hasMessage("duplicate device UUID GPU-a");
    }

    @Test
    void filterLeavesOutDevicesByUuidOrIndex() {
        var filter = DeviceFilter.parse(List.of("GPU-b", " 2 "));
        var kept = filter.apply(List.of(gpu(0, "GPU-a", true), gpu(1, "GPU-b", true), gpu(2, "GPU-c", true), gpu(3, "GPU-d", true)));
        assertThat(kept).extracting(PhysicalDevice::uuid).containsExactly("GPU-a", "GPU-d");
        assertThatThrownBy(() -> DeviceFilter.parse(List.of(" "))).hasMessage("excluded device: empty entry");
    }
}
