package io.hami.model.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The compact constructors reject invalid values with an {@link IllegalArgumentException} naming the component. */
class RecordValidationTest {

    private static final MigPlacement PLACEMENT = new MigPlacement(0, 1);

    static Stream<Arguments> invalidValues() {
        List<ContainerDevice> withNull = new ArrayList<>();
        withNull.add(null);
        Map<String, Integer> nullScore = new HashMap<>();
        nullScore.put("GPU-1", null);
        return Stream.of(
                Arguments.of("placement start below 0", "start", (Executable) () -> new MigPlacement(-1, 1)),
                Arguments.of("placement size above uint32", "size", (Executable) () -> new MigPlacement(0, 1L << 32)),
                Arguments.of("profile without name", "name",
                        (Executable) () -> new MigProfile(null, 1, 1, 1, List.of())),
                Arguments.of("profile slice count negative", "sliceCount",
                        (Executable) () -> new MigProfile("1g", 1, 1, -1, List.of())),
                Arguments.of("device with negative index", "index",
                        (Executable) () -> NodeDevice.of("GPU", -1, 1, 1, 1, "T", 0, "", true)),
                Arguments.of("device id with an unpaired surrogate", "id",
                        (Executable) () -> NodeDevice.of("GPU\ud800", 0, 1, 1, 1, "T", 0, "", true)),
                Arguments.of("score key with an unpaired surrogate", "scores key",
                        (Executable) () -> new PairScore("", Map.of("\udc00", 1))),
                Arguments.of("container device with an unpaired surrogate", "uuid",
                        (Executable) () -> new ContainerDevice("GPU-\udc00", "NVIDIA", 1, 1)),
                Arguments.of("device without type", "type",
                        (Executable) () -> NodeDevice.of("GPU", 0, 1, 1, 1, null, 0, "", true)),
                Arguments.of("device with null profiles", "migProfiles",
                        (Executable) () -> new NodeDevice("GPU", 0, 1, 1, 1, "T", 0, "", true, null, null)),
                Arguments.of("registration without devices", "devices",
                        (Executable) () -> new NodeRegistration(List.of())),
                Arguments.of("pair score with null score", "scores", (Executable) () -> new PairScore("GPU-0", nullScore)),
                Arguments.of("container device with empty uuid", "uuid",
                        (Executable) () -> new ContainerDevice("", "NVIDIA", 1, 1)),
                Arguments.of("container device with a comma in the uuid", "uuid",
                        (Executable) () -> new ContainerDevice("GPU,a", "NVIDIA", 1, 1)),
                Arguments.of("container device with a colon in the type", "type",
                        (Executable) () -> new ContainerDevice("GPU-a", "NV:IDIA", 1, 1)),
                Arguments.of("container device with a semicolon in the uuid", "uuid",
                        (Executable) () -> new ContainerDevice("GPU;a", "NVIDIA", 1, 1)),
                Arguments.of("container device with a space in the uuid", "uuid",
                        (Executable) () -> new ContainerDevice("GPU a", "NVIDIA", 1, 1)),
                Arguments.of("container device with a no-break space in the type", "type",
                        (Executable) () -> new ContainerDevice("GPU-a", "NV\u00a0IDIA", 1, 1)),
                Arguments.of("container device with a control character", "uuid",
                        (Executable) () -> new ContainerDevice("GPU\u0000", "NVIDIA", 1, 1)),
                Arguments.of("container device with negative memory", "usedMem",
                        (Executable) () -> new ContainerDevice("GPU-a", "NVIDIA", -1, 1)),
                Arguments.of("container device with negative cores", "usedCores",
                        (Executable) () -> new ContainerDevice("GPU-a", "NVIDIA", 1, -1)),
                Arguments.of("container with a null device", "devices[0]",
                        (Executable) () -> new ContainerDevices(withNull)),
                Arguments.of("pod with null containers", "containers", (Executable) () -> new PodDevices(null)),
                Arguments.of("MIG runtime without UUID", "migUuid", (Executable) () -> new MigRuntime("", 1, 1)),
                Arguments.of("MIG runtime with negative GI", "gpuInstanceId",
                        (Executable) () -> new MigRuntime("MIG-1", -1, 1)),
                Arguments.of("MIG allocation with negative container", "containerIndex",
                        (Executable) () -> new MigAllocation(-1, 0, "GPU-a", "1g", PLACEMENT, null)),
                Arguments.of("MIG allocation without profile", "profile",
                        (Executable) () -> new MigAllocation(0, 0, "GPU-a", "", PLACEMENT, null)),
                Arguments.of("MIG allocation with empty placement", "placement.size",
                        (Executable) () -> new MigAllocation(0, 0, "GPU-a", "1g", new MigPlacement(0, 0), null)),
                Arguments.of("MIG allocations with a repeated slot", "duplicates container 0 device 1",
                        (Executable) () -> new MigAllocations(List.of(
                                new MigAllocation(0, 1, "GPU-a", "1g", PLACEMENT, null),
                                new MigAllocation(0, 1, "GPU-b", "1g", PLACEMENT, null)))));
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource("invalidValues")
    void rejectsInvalidValueNamingTheField(String description, String field, Executable construct) {
        assertThatIllegalArgumentException().isThrownBy(construct::execute).withMessageContaining(field);
    }

    @Test
    void acceptsNegativeCapacityAndNumaAsGoDoes() {
        assertThatNoException().isThrownBy(() -> NodeDevice.of("", 0, -1, -2, -3, "", -1, "", false));
    }

    @Test
    void acceptsSameSlotOnDifferentContainers() {
        assertThatNoException().isThrownBy(() -> new MigAllocations(List.of(
                new MigAllocation(0, 1, "GPU-a", "1g", PLACEMENT, null),
                new MigAllocation(1, 1, "GPU-a", "1g", PLACEMENT, null))));
    }

    @Test
    void copiesListsSoLaterChangesDoNotLeakIn() {
        var devices = new ArrayList<ContainerDevice>();
        devices.add(new ContainerDevice("GPU-a", "NVIDIA", 1, 1));
        var container = new ContainerDevices(devices);
        devices.clear();
        assertThat(container.devices()).hasSize(1);
    }

    @Test
    void ordersScoresByCodePointLikeGo() {
        // U+FF21 sorts before U+1F600 in UTF-8 and code points, after it in UTF-16 units.
        var pair = new PairScore("", Map.of("\ud83d\ude00", 1, "\uff21", 2, "A", 3));
        assertThat(pair.scores().keySet()).containsExactly("A", "\uff21", "\ud83d\ude00");
    }

    @Test
    void placementsOverlapOnlyWhenRangesIntersect() {
        assertThat(new MigPlacement(0, 2).overlaps(new MigPlacement(1, 1))).isTrue();
        assertThat(new MigPlacement(0, 2).overlaps(new MigPlacement(2, 1))).isFalse();
        assertThat(new MigPlacement(0, 2).overlaps(new MigPlacement(1, 0))).isFalse();
    }
}
