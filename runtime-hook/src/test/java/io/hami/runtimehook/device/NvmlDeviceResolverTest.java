package io.hami.runtimehook.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.nvml.Nvml;
import io.hami.runtimehook.HookException;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** UUIDs resolve through our NVML binding of the C mock, as on a node through the driver. */
class NvmlDeviceResolverTest {

    @Test
    void resolvesEveryGpuOfTheMachineAndNothingElse() throws Exception {
        var mock = NvmlMock.current().useProfile(NvmlProfile.EIGHT_A100);
        var profile = NvmlProfile.load(NvmlProfile.EIGHT_A100);
        try (var resolver = new NvmlDeviceResolver(() -> new Nvml(mock.api(), Path.of("/sys")))) {
            for (var gpu : profile.devices()) {
                assertThat(resolver.minor(gpu.uuid())).isEqualTo(gpu.minor());
            }
            assertThatThrownBy(() -> resolver.minor("GPU-ffffffff-0000-0000-0000-000000000000"))
                    .isInstanceOf(HookException.class)
                    .hasMessage("NVIDIA_VISIBLE_DEVICES: GPU \"GPU-ffffffff-0000-0000-0000-000000000000\" is not on this node");
        }
        assertThat(mock.initCount()).isZero();
    }

    @Test
    void aMissingLibraryIsOneLine() {
        try (var resolver = NvmlDeviceResolver.open("/nonexistent/libnvidia-ml.so.1")) {
            assertThatThrownBy(() -> resolver.minor("GPU-a"))
                    .hasMessage("NVML not available: /nonexistent/libnvidia-ml.so.1: cannot open shared object file");
        }
    }
}
