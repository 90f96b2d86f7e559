package io.hami.bindings.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The vendors as data: each source's API and places, the preferred one first; messages that name them. */
class DeviceVendorTest {

    @Test
    void cambriconListsThroughCndevFirstAndCnrtWhereCndevIsAbsent() {
        var cambricon = DeviceVendor.CAMBRICON;
        assertThat(cambricon.sources()).extracting(DeviceVendor.Source::api).containsExactly("CNDEV", "CNRT");
        assertThat(cambricon.api()).isEqualTo("CNDEV");
        assertThat(cambricon.apiNames()).isEqualTo("CNDEV or CNRT");
        assertThat(cambricon.libraries()).containsExactly("libcndev.so", "libcnrt.so");
    }

    @Test
    void aVendorWithOneSourceIsNamedByItsOneApi() {
        Arrays.stream(DeviceVendor.values()).filter(v -> v.sources().size() == 1).forEach(v -> {
            assertThat(v.apiNames()).isEqualTo(v.api());
            assertThat(v.libraries()).isEqualTo(v.sources().getFirst().libraries());
        });
        assertThat(DeviceVendor.ASCEND.libraries()).containsExactly("libdcmi.so", "/usr/local/Ascend/driver/lib64/driver/libdcmi.so");
    }

    @Test
    void aFailureNamesTheApiOfTheSourceThatFailedOrEveryApiWhenUnknown() {
        assertThat(new DiscoveryException(DeviceVendor.CAMBRICON, "CNRT", "libcnrt.so",
                "cnrtDriverGetVersion failed: CNDRV_FUNC_CALL (632015)", null))
                .hasMessage("Cambricon CNRT not available: libcnrt.so: cnrtDriverGetVersion failed: CNDRV_FUNC_CALL (632015)");
        assertThat(new DiscoveryException(DeviceVendor.CAMBRICON, "CNDEV or CNRT", "/x/lib.so",
                "/x/lib.so: cannot open shared object file", null))
                .hasMessage("Cambricon CNDEV or CNRT not available: /x/lib.so: cannot open shared object file");
        assertThat(new DiscoveryException(DeviceVendor.CAMBRICON, "libcndev.so", "cndevInit failed: NO_DRIVER (1)", null))
                .hasMessage("Cambricon CNDEV not available: libcndev.so: cndevInit failed: NO_DRIVER (1)");
    }
}
