package io.hami.deviceplugin.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.protocol.ContainerIdentity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** vDCU directory names: written as HAMi's plugin writes them, read back exactly, and anything else refused. */
class VdcuDirectoryTest {
    static final String UID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    @Test
    void namesReadBackAsTheyWereWritten() {
        var vdcu = new VdcuDirectory(new ContainerIdentity(UID, "work"), 3, 19, 199, new CuMasks(0x7fff, 1L << 63));
        assertThat(vdcu.name()).isEqualTo(UID + "_work_3_19_199_0000000000007fff_8000000000000000");
        assertThat(VdcuDirectory.parse(vdcu.name())).hasValue(vdcu);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            UID + "_work",
            UID + "_work_1_0_0_0000000000007fff",
            UID + "_work_1_0_0_0000000000007fff_0000000000000000_x",
            "not-a-uid_work_1_0_0_0000000000007fff_0000000000000000",
            UID + "_Work_1_0_0_0000000000007fff_0000000000000000",
            UID + "_work_-1_0_0_0000000000007fff_0000000000000000",
            UID + "_work_01_0_0_0000000000007fff_0000000000000000",
            UID + "_work_1_20_0_0000000000007fff_0000000000000000",
            UID + "_work_1_0_200_0000000000007fff_0000000000000000",
            UID + "_work_1_0_0_7fff_0000000000000000",
            UID + "_work_1_0_0_0000000000007FFF_0000000000000000",
            UID + "_work_1_0_0_000000000000zzzz_0000000000000000",
            UID + "_work_1_0_0_0000000000007fff_0000000000000000.tmp",
            UID + "_work_99999999999_0_0_0000000000007fff_0000000000000000",
    })
    void aNameThisPluginDoesNotWriteIsNoVdcu(String name) {
        assertThat(VdcuDirectory.parse(name)).isEmpty();
    }
}
