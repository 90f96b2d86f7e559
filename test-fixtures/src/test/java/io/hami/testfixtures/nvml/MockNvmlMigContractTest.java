package io.hami.testfixtures.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.nvml.NvmlApi;
import org.junit.jupiter.api.Test;

/** The MIG contract against the C mock, through our FFM binding; and what only the mock's profiles can get wrong. */
class MockNvmlMigContractTest extends NvmlMigContract {

    private static final NvmlMock MOCK = NvmlMock.current();

    @Override
    protected NvmlApi machine(String profileText) {
        return MOCK.useProfileText(profileText).api();
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
