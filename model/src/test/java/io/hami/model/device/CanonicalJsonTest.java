package io.hami.model.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hami.model.json.CanonicalJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every device record has a readable canonical JSON form that reads back equal. */
class CanonicalJsonTest {

    private static final MigPlacement PLACEMENT = new MigPlacement(6, 1);
    private static final MigProfile PROFILE = new MigProfile("1g.5gb", 4864, 15, 1, List.of(PLACEMENT));
    private static final NodeDevice DEVICE = NodeDevice.of("GPU-a", 1, 10, 32768, 100, "NVIDIA-Tesla V100", 1,
            "hami-core", true);
    private static final ContainerDevice GPU_A = new ContainerDevice("GPU-a", "NVIDIA", 3000, 30);

    private static <T> String roundTrip(T value, Class<T> type) throws JsonProcessingException {
        String json = CanonicalJson.MAPPER.writeValueAsString(value);
        assertThat(CanonicalJson.MAPPER.readValue(json, type)).isEqualTo(value);
        return json;
    }

    @Test
    void migPlacementRoundTrips() throws Exception {
        assertThat(roundTrip(PLACEMENT, MigPlacement.class)).isEqualTo("{\"start\":6,\"size\":1}");
    }

    @Test
    void migProfileRoundTrips() throws Exception {
        assertThat(roundTrip(PROFILE, MigProfile.class)).isEqualTo(
                "{\"name\":\"1g.5gb\",\"memoryMB\":4864,\"core\":15,\"sliceCount\":1,"
                        + "\"placements\":[{\"start\":6,\"size\":1}]}");
    }

    @Test
    void nodeDeviceRoundTripsWithAndWithoutNetworkId() throws Exception {
        assertThat(roundTrip(DEVICE, NodeDevice.class)).isEqualTo(
                "{\"id\":\"GPU-a\",\"index\":1,\"count\":10,\"devmem\":32768,\"devcore\":100,"
                        + "\"type\":\"NVIDIA-Tesla V100\",\"numa\":1,\"mode\":\"hami-core\",\"health\":true,"
                        + "\"migProfiles\":[],\"networkId\":null}");
        roundTrip(new NodeDevice("d", 0, 1, 2, 3, "Ascend910B3", 0, "", false, List.of(PROFILE), 1),
                NodeDevice.class);
    }

    @Test
    void nodeRegistrationIsABareArray() throws Exception {
        String json = roundTrip(new NodeRegistration(List.of(DEVICE, DEVICE)), NodeRegistration.class);
        assertThat(json).startsWith("[{\"id\":\"GPU-a\"");
    }

    @Test
    void pairScoreRoundTripsWithScoresInGoOrder() throws Exception {
        var pair = new PairScore("GPU-0", Map.of("GPU-2", 20, "GPU-1", 50));
        assertThat(roundTrip(pair, PairScore.class))
                .isEqualTo("{\"uuid\":\"GPU-0\",\"scores\":{\"GPU-1\":50,\"GPU-2\":20}}");
    }

    @Test
    void nodeScoresIsABareArray() throws Exception {
        var scores = new NodeScores(List.of(new PairScore("GPU-0", Map.of("GPU-1", 50))));
        assertThat(roundTrip(scores, NodeScores.class)).isEqualTo("[{\"uuid\":\"GPU-0\",\"scores\":{\"GPU-1\":50}}]");
        assertThat(roundTrip(new NodeScores(List.of()), NodeScores.class)).isEqualTo("[]");
    }

    @Test
    void containerDeviceRoundTrips() throws Exception {
        assertThat(roundTrip(GPU_A, ContainerDevice.class))
                .isEqualTo("{\"uuid\":\"GPU-a\",\"type\":\"NVIDIA\",\"usedMem\":3000,\"usedCores\":30}");
    }

    @Test
    void containerDevicesIsABareArray() throws Exception {
        assertThat(roundTrip(ContainerDevices.of(GPU_A), ContainerDevices.class)).startsWith("[{\"uuid\"");
        assertThat(roundTrip(ContainerDevices.NONE, ContainerDevices.class)).isEqualTo("[]");
    }

    @Test
    void podDevicesIsAnArrayOfArrays() throws Exception {
        var pod = PodDevices.of(ContainerDevices.NONE, ContainerDevices.of(GPU_A));
        assertThat(roundTrip(pod, PodDevices.class))
                .isEqualTo("[[],[{\"uuid\":\"GPU-a\",\"type\":\"NVIDIA\",\"usedMem\":3000,\"usedCores\":30}]]");
    }

    @Test
    void migRuntimeRoundTrips() throws Exception {
        assertThat(roundTrip(new MigRuntime("MIG-1", 0, 7), MigRuntime.class))
                .isEqualTo("{\"migUuid\":\"MIG-1\",\"gpuInstanceId\":0,\"computeInstanceId\":7}");
    }

    @Test
    void migAllocationRoundTripsRealizedOrNot() throws Exception {
        var pending = new MigAllocation(0, 1, "GPU-a", "1g.5gb", PLACEMENT, null);
        assertThat(roundTrip(pending, MigAllocation.class)).isEqualTo(
                "{\"containerIndex\":0,\"deviceIndex\":1,\"gpuUuid\":\"GPU-a\",\"profile\":\"1g.5gb\","
                        + "\"placement\":{\"start\":6,\"size\":1},\"runtime\":null}");
        roundTrip(new MigAllocation(0, 1, "GPU-a", "1g.5gb", PLACEMENT, new MigRuntime("MIG-1", 1, 0)),
                MigAllocation.class);
    }

    @Test
    void migAllocationsIsABareArray() throws Exception {
        var all = new MigAllocations(List.of(new MigAllocation(0, 0, "GPU-a", "1g.5gb", PLACEMENT, null)));
        assertThat(roundTrip(all, MigAllocations.class)).startsWith("[{\"containerIndex\":0");
        assertThat(roundTrip(MigAllocations.EMPTY, MigAllocations.class)).isEqualTo("[]");
    }
}
