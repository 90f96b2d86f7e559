package io.hami.testfixtures.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlApi;
import io.hami.bindings.nvml.NvmlReturn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The MIG contract against the C mock, through our FFM binding; and what only the mock's profiles can get wrong. */
class MockNvmlMigContractTest extends NvmlMigContract {

    private static final NvmlMock MOCK = NvmlMock.current();

    @Override
    protected NvmlApi machine(String profileText) {
        return MOCK.useProfileText(profileText).api();
    }

    @Test
    void anInjectedMigXidArrivesWithItsInstanceIdsAndAPlainOneWithout() {
        var nvml = new Nvml(machine(NvmlProfile.load(NvmlProfile.MIG_A100_40GB_MIXED).text()), Path.of("/nonexistent-sysfs"));
        var session = nvml.start();
        try (var watch = nvml.watch()) {
            assertThat(watch.registerHealthEvents(nvml.device(0))).isTrue();
            assertThat(MOCK.injectMigXid(0, 94, 2, 0)).isZero();
            assertThat(MOCK.injectXid(0, 79)).isZero();
            var mig = watch.next(Duration.ofSeconds(5)).orElseThrow();
            assertThat(mig.device()).isEqualTo(nvml.device(0));
            assertThat(mig.eventData()).isEqualTo(94);
            assertThat(mig.gpuInstanceId()).isEqualTo(OptionalInt.of(2));
            assertThat(mig.computeInstanceId()).isEqualTo(OptionalInt.of(0));
            var plain = watch.next(Duration.ofSeconds(5)).orElseThrow();
            assertThat(plain.eventData()).isEqualTo(79);
            assertThat(plain.gpuInstanceId()).isEmpty();
            assertThat(plain.computeInstanceId()).isEmpty();
            assertThat(MOCK.injectMigXid(2, 94, 1, 0)).as("a GPU the machine lacks").isEqualTo(NvmlReturn.INVALID_ARGUMENT.code());
        } finally {
            session.close();
        }
    }

    @Test
    void aProfileWhoseInstancesOverlapDoesNotLoad() {
        var text = NvmlProfile.load(NvmlProfile.MIG_A100_40GB_MIXED).text()
                .replace("{\"profile\": \"1g.5gb\", \"start\": 6}", "{\"profile\": \"1g.5gb\", \"start\": 5}");
        assertThat(MOCK.tryUseProfileText(text)).isNotZero();
        assertThat(MOCK.lastError()).contains("devices[0].migInstances[2]").contains("start")
                .contains("1g.5gb at 5 overlaps another instance");
    }

    @Test
    void aProfileNamingAMigTableTheMockLacksDoesNotLoad() {
        var text = NvmlProfile.load(NvmlProfile.MIG_A100_40GB_MIXED).text()
                .replaceFirst("\"migProfiles\": \"A100-SXM4-40GB\"", "\"migProfiles\": \"A30-24GB\"");
        assertThat(MOCK.tryUseProfileText(text)).isNotZero();
        assertThat(MOCK.lastError()).contains("migProfiles").contains("\"A30-24GB\" is not A100-SXM4-40GB or H100-80GB");
    }
}
