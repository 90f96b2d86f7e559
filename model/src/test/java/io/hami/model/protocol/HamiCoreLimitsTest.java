package io.hami.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hami.model.wire.WireFormatException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HamiCoreLimitsTest {

    @Test
    void aContainerWithoutLimitsCarriesNoAllocation() throws Exception {
        assertThat(HamiCoreLimits.fromEnv(Map.of("PATH", "/bin", "NVIDIA_VISIBLE_DEVICES", "all"))).isEmpty();
    }

    @Test
    void readsWhatHamisDevicePluginWrites() throws Exception {
        var limits = HamiCoreLimits.fromEnv(Map.of("NVIDIA_VISIBLE_DEVICES", "GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448",
                "CUDA_DEVICE_MEMORY_LIMIT_0", "3000m", "CUDA_DEVICE_SM_LIMIT", "30",
                "CUDA_DEVICE_MEMORY_SHARED_CACHE", "/usr/local/vgpu/9b1c.cache")).orElseThrow();
        assertThat(limits.visibleUuids()).containsExactly("GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448");
        assertThat(limits.memoryMiB()).containsExactly(3000L);
        assertThat(limits.smLimit()).contains(30);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "CUDA_DEVICE_MEMORY_LIMIT_0 | 010m        | CUDA_DEVICE_MEMORY_LIMIT_0: expected <MiB>m as HAMi writes it",
        "CUDA_DEVICE_MEMORY_LIMIT_0 | 1g          | CUDA_DEVICE_MEMORY_LIMIT_0: expected <MiB>m",
        "CUDA_DEVICE_MEMORY_LIMIT_0 | 99999999999m | CUDA_DEVICE_MEMORY_LIMIT_0: expected <MiB>m",
        "CUDA_DEVICE_MEMORY_LIMIT_2 | 10m         | memory limits must be numbered 0, 1, 2, … without gaps",
        "CUDA_DEVICE_MEMORY_LIMIT_x | 10m         | unknown memory limit variable",
        "CUDA_DEVICE_SM_LIMIT       | 101         | CUDA_DEVICE_SM_LIMIT: expected a percentage 0..100",
        "CUDA_DEVICE_SM_LIMIT       | -1          | CUDA_DEVICE_SM_LIMIT: expected a percentage",
        "NVIDIA_VISIBLE_DEVICES     | all         | NVIDIA_VISIBLE_DEVICES: expected a comma list of GPU UUIDs",
        "NVIDIA_VISIBLE_DEVICES     | GPU-a,,GPU-b | NVIDIA_VISIBLE_DEVICES: expected a comma list",
        "NVIDIA_VISIBLE_DEVICES     | 0,1         | NVIDIA_VISIBLE_DEVICES: expected a comma list",
        "NVIDIA_VISIBLE_DEVICES     | GPU-a,GPU-b | 2 GPUs are visible but only 1 memory limits are set",
        "CUDA_DEVICE_MEMORY_SHARED_CACHE | /usr/local/vgpu/../../etc/shadow | expected an absolute path without '..'",
        "CUDA_DEVICE_MEMORY_SHARED_CACHE | relative.cache | expected an absolute path",
    })
    void rejectsMalformedHamiVariables(String name, String value, String message) {
        var env = new HashMap<>(Map.of("NVIDIA_VISIBLE_DEVICES", "GPU-a", "CUDA_DEVICE_MEMORY_LIMIT_0", "100m"));
        env.put(name, value);
        var e = catchThrowableOfType(WireFormatException.class, () -> HamiCoreLimits.fromEnv(env));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("hami-core-env: ").contains(message);
    }

    @Test
    void limitsWithoutVisibleGpusAreRejected() {
        var e = catchThrowableOfType(WireFormatException.class, () -> HamiCoreLimits.fromEnv(Map.of("CUDA_DEVICE_SM_LIMIT", "30")));
        assertThat(e).hasMessage("hami-core-env: NVIDIA_VISIBLE_DEVICES: limits are set but no GPU is visible");
    }
}
