package io.hami.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hami.model.wire.WireFormatException;
import java.util.Collections;
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

    private static final String GPU_A = "GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448";

    private static Map<String, String> allocation(String visible, int memoryLimits) {
        var env = new HashMap<String, String>();
        env.put("NVIDIA_VISIBLE_DEVICES", visible);
        for (int i = 0; i < memoryLimits; i++) {
            env.put("CUDA_DEVICE_MEMORY_LIMIT_" + i, "100m");
        }
        return env;
    }

    @Test
    void aGpuListedTwiceIsRefusedSinceHamiListsEachOnce() {
        var e = catchThrowableOfType(WireFormatException.class, () -> HamiCoreLimits.fromEnv(allocation(GPU_A + ",GPU-b," + GPU_A, 3)));
        assertThat(e).hasMessage("hami-core-env: NVIDIA_VISIBLE_DEVICES: " + GPU_A + " is listed more than once; HAMi lists each GPU once: \""
                + GPU_A + ",GPU-b," + GPU_A + "\"");
    }

    @Test
    void tenThousandCopiesOfOneUuidAreRefusedInOneLine() {
        var visible = String.join(",", Collections.nCopies(10_000, GPU_A));
        var e = catchThrowableOfType(WireFormatException.class, () -> HamiCoreLimits.fromEnv(allocation(visible, 1)));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("hami-core-env: NVIDIA_VISIBLE_DEVICES: " + visible.length()
                + " characters, longer than a list of 16 GPU UUIDs can be (2063)").doesNotContain("\n").hasSizeLessThan(400);
    }

    @Test
    void seventeenDistinctGpusAreMoreThanHamiCoreLimits() {
        var uuids = new java.util.ArrayList<String>();
        for (int i = 0; i < 17; i++) {
            uuids.add("GPU-" + i + "-5e1d-4c2b-9f3a-7d6e5c4b3a20");
        }
        var e = catchThrowableOfType(WireFormatException.class, () -> HamiCoreLimits.fromEnv(allocation(String.join(",", uuids), 16)));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("hami-core-env: NVIDIA_VISIBLE_DEVICES: more than 16 GPUs");
    }

    @Test
    void aVariableLongerThanExecAcceptsIsRefused() {
        var env = allocation(GPU_A, 1);
        env.put("JAVA_TOOL_OPTIONS", "x".repeat(128 * 1024));
        var e = catchThrowableOfType(WireFormatException.class, () -> HamiCoreLimits.fromEnv(env));
        assertThat(e).hasMessage("hami-core-env: process.env: \"JAVA_TOOL_OPTIONS\" is 131090 bytes as NAME=value, more than the 131071 Linux's exec takes");
    }

    @Test
    void anEnvironmentLargerThanExecAcceptsIsRefused() {
        var env = allocation(GPU_A, 1);
        for (int i = 0; i < 17; i++) {
            env.put("BLOB_" + i, "é".repeat(64 * 1024 - 8)); // two bytes each in UTF-8: 128 KiB - 16 a variable
        }
        var e = catchThrowableOfType(WireFormatException.class, () -> HamiCoreLimits.fromEnv(env));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("hami-core-env: process.env: ").endsWith(" bytes, more than the 2097152 Linux's exec takes by default");
    }

    @Test
    void theBoundsLeaveRoomForAFullAllocation() throws Exception {
        var uuids = new java.util.ArrayList<String>();
        for (int i = 0; i < 16; i++) {
            uuids.add("GPU-" + "f".repeat(124 - Integer.toString(i).length()) + i);
        }
        var visible = String.join(",", uuids);
        assertThat(visible).hasSize(16 * 128 + 15);
        var env = allocation(visible, 16);
        env.put("LARGE", "x".repeat(128 * 1024 - "LARGE=".length() - 1));
        assertThat(HamiCoreLimits.fromEnv(env).orElseThrow().visibleUuids()).hasSize(16);
    }
}
