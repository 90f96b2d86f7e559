package io.hami.deviceplugin.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.NodeDevice;
import org.junit.jupiter.api.Test;

/** The fields vendors fix, on one device the sharing settings made. */
class VendorFieldsTest {
    static final NodeDevice SHARED = NodeDevice.of("dev-5", 5, 10, 32768, 100, "T", 1, "hami-core", true);

    @Test
    void hygonFixesCountCoresNumaAndMode() {
        assertThat(VendorFields.hygon().apply(SHARED)).isEqualTo(NodeDevice.of("dev-5", 5, 4, 32768, 100, "T", 0, "hami", true));
    }

    @Test
    void ascendNetworkIdsFollowTheChipFamily() {
        assertThat(VendorFields.ascend("Ascend910B3", 65536, 16384, 20, false).apply(SHARED).networkId()).isEqualTo(1);
        assertThat(VendorFields.ascend("Ascend910C", 65536, 16384, 20, true).apply(SHARED).networkId()).isZero();
        var p310 = VendorFields.ascend("Ascend310P", 21527, 3072, 8, false).apply(SHARED);
        assertThat(p310.networkId()).isNull();
        assertThat(p310).extracting(NodeDevice::count, NodeDevice::devmem, NodeDevice::devcore, NodeDevice::mode)
                .containsExactly(7, 21527, 8, "");
    }

    @Test
    void noneKeepsTheSharedDevice() {
        assertThat(VendorFields.NONE.apply(SHARED)).isEqualTo(SHARED);
    }
}
