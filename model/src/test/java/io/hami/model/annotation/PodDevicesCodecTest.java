package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code hami.io/vgpu-devices-allocated}: HAMi's strings, our positional rule, fail-closed device entries. */
class PodDevicesCodecTest {

    private static final PodDevicesCodec CODEC = PodDevicesCodec.INSTANCE;
    private static final String UUID = "GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448";

    private static ContainerDevice dev(String uuid, int mem, int cores) {
        return new ContainerDevice(uuid, "NVIDIA", mem, cores);
    }

    private static void decodesAndEncodesBack(String wire, PodDevices expected) throws Exception {
        assertThat(CODEC.decode(wire)).isEqualTo(expected);
        assertThat(CODEC.encode(expected)).isEqualTo(wire);
    }

    @Test
    void singleContainerWithOneGpu() throws Exception {
        decodesAndEncodesBack(UUID + ",NVIDIA,3000,30:;", PodDevices.of(ContainerDevices.of(dev(UUID, 3000, 30))));
    }

    @Test
    void oneContainerWithTwoGpus() throws Exception {
        decodesAndEncodesBack("GPU-a,NVIDIA,3000,30:GPU-b,NVIDIA,3000,30:;",
                PodDevices.of(ContainerDevices.of(dev("GPU-a", 3000, 30), dev("GPU-b", 3000, 30))));
    }

    @Test
    void twoContainersOnTheSameGpu() throws Exception {
        decodesAndEncodesBack("GPU-a,NVIDIA,3000,0:;GPU-a,NVIDIA,5000,0:;", PodDevices.of(
                ContainerDevices.of(dev("GPU-a", 3000, 0)), ContainerDevices.of(dev("GPU-a", 5000, 0))));
    }

    @Test
    void keepsAnEmptyEntryForAContainerWithoutGpu() throws Exception {
        decodesAndEncodesBack(";GPU-x,NVIDIA,1000,30:;",
                PodDevices.of(ContainerDevices.NONE, ContainerDevices.of(dev("GPU-x", 1000, 30))));
        decodesAndEncodesBack("GPU-x,NVIDIA,1000,30:;;",
                PodDevices.of(ContainerDevices.of(dev("GPU-x", 1000, 30)), ContainerDevices.NONE));
        decodesAndEncodesBack(";GPU-x,NVIDIA,1000,30:;;", PodDevices.of(ContainerDevices.NONE,
                ContainerDevices.of(dev("GPU-x", 1000, 30)), ContainerDevices.NONE));
    }

    @Test
    void aLoneSemicolonIsOneEmptyContainer() throws Exception {
        decodesAndEncodesBack(";", PodDevices.of(ContainerDevices.NONE));
        decodesAndEncodesBack(";;", PodDevices.of(ContainerDevices.NONE, ContainerDevices.NONE));
    }

    @Test
    void theEmptyValueHasNoContainers() throws Exception {
        decodesAndEncodesBack("", PodDevices.EMPTY);
    }

    @Test
    void readsHamiTestStringsWithoutTheTrailingEmptyEntry() throws Exception {
        // HAMi's Go decoder yields a third, empty entry for these; index i is container i here.
        assertThat(CODEC.decode("UUID1,Type1,1000,30:;").containers()).hasSize(1);
        assertThat(CODEC.decode("UUID1,Type1,1000,30:;UUID2,Type1,1000,30:;").containers()).hasSize(2);
        assertThat(CODEC.decode("UUID1,Type1,1000,30:UUID2,Type1,1000,30:;").containers().getFirst().devices())
                .containsExactly(new ContainerDevice("UUID1", "Type1", 1000, 30),
                        new ContainerDevice("UUID2", "Type1", 1000, 30));
    }

    @Test
    void acceptsAFinalContainerWithoutSemicolonAsGoDoes() throws Exception {
        assertThat(CODEC.decode("GPU-a,NVIDIA,1,2:")).isEqualTo(PodDevices.of(ContainerDevices.of(dev("GPU-a", 1, 2))));
        assertThat(CODEC.decode(";GPU-a,NVIDIA,1,2"))
                .isEqualTo(PodDevices.of(ContainerDevices.NONE, ContainerDevices.of(dev("GPU-a", 1, 2))));
    }

    @Test
    void skipsEmptyDevicePiecesAsGoDoes() throws Exception {
        assertThat(CODEC.decode(":GPU-a,NVIDIA,1,2::GPU-b,NVIDIA,3,4;:;"))
                .isEqualTo(PodDevices.of(ContainerDevices.of(dev("GPU-a", 1, 2), dev("GPU-b", 3, 4)),
                        ContainerDevices.NONE));
    }

    @Test
    void acceptsSignedAndZeroPaddedNumbersAsGoDoes() throws Exception {
        assertThat(CODEC.decode("GPU-a,NVIDIA,+0300,-0:;"))
                .isEqualTo(PodDevices.of(ContainerDevices.of(dev("GPU-a", 300, 0))));
    }

    @Test
    void carriesOtherVendorsTypesAndTheInt32Limits() throws Exception {
        decodesAndEncodesBack("DCU-1,DCU,2147483647,0:;npu-0,Ascend910B3,65536,20:;", PodDevices.of(
                ContainerDevices.of(new ContainerDevice("DCU-1", "DCU", Integer.MAX_VALUE, 0)),
                ContainerDevices.of(new ContainerDevice("npu-0", "Ascend910B3", 65536, 20))));
    }

    @Test
    void rejectsUnpairedSurrogateInTheUuid() {
        var error = rejects(CODEC, "GPU-\udc00,NVIDIA,1,2:;");
        assertThat(error.field()).isEqualTo("containers[0].devices[0].uuid");
        assertThat(error.problem()).isEqualTo("device UUID must be valid Unicode: unpaired surrogate");
    }

    @Test
    void acceptsAndIgnoresFieldsAfterTheFourItKnowsAsHamiDoes() throws Exception {
        var decoded = CODEC.decode("GPU-a,NVIDIA,1000,30,numa0:;;GPU-b,NVIDIA,2000,0,x,y:;");
        assertThat(decoded).isEqualTo(new PodDevices(List.of(ContainerDevices.of(new ContainerDevice("GPU-a", "NVIDIA", 1000, 30)),
                ContainerDevices.NONE, ContainerDevices.of(new ContainerDevice("GPU-b", "NVIDIA", 2000, 0)))));
        assertThat(CODEC.encode(decoded)).isEqualTo("GPU-a,NVIDIA,1000,30:;;GPU-b,NVIDIA,2000,0:;");
        // the known fields are still checked
        assertThat(rejects(CODEC, "GPU-a,NVIDIA,x,30,extra:;").field()).isEqualTo("containers[0].devices[0].usedmem");
    }

    @Test
    void namesContainerAndDeviceInTheMessage() {
        assertThat(rejects(CODEC, ";GPU-a,NVIDIA,3x00,30:;").getMessage())
                .isEqualTo("pod-devices: containers[1].devices[0].usedmem: invalid memory field: not a 32-bit integer: \"3x00\"");
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a device with three fields       | uuid,type,100:;                        | containers[0].devices[0]           | pod annotation format error, missing fields
            a device with two fields         | ;;GPU-a,NVIDIA:;                       | containers[2].devices[0]           | pod annotation format error, missing fields
            a piece without comma            | GPU-a:;                                | containers[0].devices[0]           | malformed device entry
            junk after a device              | GPU-a,NVIDIA,1,2:junk;                 | containers[0].devices[1]           | malformed device entry
            an empty uuid                    | ",NVIDIA,1,2:;"                        | containers[0].devices[0].uuid      | pod annotation format error, missing device UUID
            an empty type                    | "GPU-a,,1,2:;"                         | containers[0].devices[0].type      | pod annotation format error, missing device type
            a space in the uuid              | GPU a,NVIDIA,1,2:;                     | containers[0].devices[0].uuid      | device UUID must not contain whitespace
            a tab in the type                | "GPU-a,NV\tIDIA,1,2:;"                 | containers[0].devices[0].type      | device type must not contain whitespace
            a word for memory                | GPU-a,NVIDIA,abc,2:;                   | containers[0].devices[0].usedmem   | invalid memory field: not a 32-bit integer
            a space before memory            | "GPU-a,NVIDIA, 1,2:;"                  | containers[0].devices[0].usedmem   | invalid memory field: not a 32-bit integer
            a fraction for memory            | GPU-a,NVIDIA,1.5,2:;                   | containers[0].devices[0].usedmem   | invalid memory field: not a 32-bit integer
            memory beyond int32              | GPU-a,NVIDIA,2147483648,2:;            | containers[0].devices[0].usedmem   | invalid memory field: out of 32-bit range
            an empty core field              | GPU-a,NVIDIA,1,:;                      | containers[0].devices[0].usedcores | invalid core field: not a 32-bit integer
            cores beyond int32               | GPU-a,NVIDIA,1,99999999999:;           | containers[0].devices[0].usedcores | invalid core field: out of 32-bit range
            negative memory                  | GPU-a,NVIDIA,-1,2:;                    | containers[0].devices[0].usedmem   | memory field must not be negative
            negative cores                   | GPU-a,NVIDIA,1,-5:;                    | containers[0].devices[0].usedcores | core field must not be negative
            a bad second device              | GPU-a,NVIDIA,1,2:GPU-b,NVIDIA,x,2:;    | containers[0].devices[1].usedmem   | invalid memory field: not a 32-bit integer
            a bad device in a last piece     | GPU-a,NVIDIA,1,2:;GPU-b                | containers[1].devices[0]           | malformed device entry
            """)
    void rejectsMalformedEntriesNamingContainerAndDevice(String description, String wire, String field,
                                                         String problem) {
        var error = rejects(CODEC, wire.replace("\\t", "\t"));
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.problem()).startsWith(problem);
    }
}
