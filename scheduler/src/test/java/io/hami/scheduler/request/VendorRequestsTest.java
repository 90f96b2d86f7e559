package io.hami.scheduler.request;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.hami.scheduler.Configs;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request rules of the other vendors (docs/scheduler.md, "Requests"). */
class VendorRequestsTest {

    private static String read(String type, Container c, Map<String, String> annotations) throws RequestException {
        return RequestReader.read(c, Configs.type(type), annotations)
                .map(x -> x.count() + "," + x.memory() + "," + x.memoryPercent() + "," + x.cores()).orElse("none");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Cambricon vmemory counts 256 MiB, cores default 100 | cambricon | cambricon.com/vmlu,1,cambricon.com/mlu.smlu.vmemory,4 | 1,1024,101,100",
        "Cambricon without memory books the whole card       | cambricon | cambricon.com/vmlu,1                                  | 1,0,100,100",
        "Cambricon cores given                               | cambricon | cambricon.com/vmlu,1,cambricon.com/mlu.smlu.vcore,50  | 1,0,100,50",
        "Hygon cores default to 100                          | hygon     | hygon.com/dcunum,1,hygon.com/dcumem,2048              | 1,2048,101,100",
        "Iluvatar vMem counts 256 MiB, cores default 0       | iluvatar-mr-v100 | iluvatar.ai/MR-V100-vgpu,1,iluvatar.ai/MR-V100.vMem,2 | 1,512,101,0",
        "Moore Threads one sGPU as asked                     | mthreads  | mthreads.com/vgpu,1,mthreads.com/sgpu-memory,8,mthreads.com/sgpu-core,4 | 1,4096,101,4",
        "Moore Threads several GPUs are whole cards          | mthreads  | mthreads.com/vgpu,2,mthreads.com/sgpu-memory,8,mthreads.com/sgpu-core,16 | 2,49152,101,16",
        "Moore Threads one GPU without memory is a card      | mthreads  | mthreads.com/vgpu,1,mthreads.com/sgpu-core,4          | 1,49152,101,16",
        "Iluvatar one GPU keeps its cores                    | iluvatar-mr-v100 | iluvatar.ai/MR-V100-vgpu,1,iluvatar.ai/MR-V100.vCore,30 | 1,0,100,30",
        "Iluvatar several GPUs are whole cards               | iluvatar-mr-v100 | iluvatar.ai/MR-V100-vgpu,2,iluvatar.ai/MR-V100.vCore,30 | 2,0,100,200",
        "MetaX sGPU vmemory counts GiB, vcore defaults 100   | metax-sgpu | metax-tech.com/sgpu,1,metax-tech.com/vmemory,4       | 1,4096,101,100",
        "MetaX sGPU vmemory with a unit counts bytes         | metax-sgpu | metax-tech.com/sgpu,1,metax-tech.com/vmemory,4Gi     | 1,4096,101,100",
        "MetaX whole GPU                                     | metax-gpu | metax-tech.com/gpu,2                                   | 2,0,100,100",
        "Ascend 910B3 memory rounds up to a template         | ascend-910b3 | huawei.com/Ascend910B3,1,huawei.com/Ascend910B3-memory,10000 | 1,16384,101,0",
        "Ascend 910B3 above every template books the card    | ascend-910b3 | huawei.com/Ascend910B3,1,huawei.com/Ascend910B3-memory,40000 | 1,65536,101,0",
        "Ascend several whole cards                          | ascend-910b3 | huawei.com/Ascend910B3,2                               | 2,65536,101,0",
        "Ascend 910C one die means one module                | ascend-ascend910 | huawei.com/Ascend910C,1                            | 2,65536,101,0",
        "Ascend 310P without memory books memoryAllocatable  | ascend-310p3 | huawei.com/Ascend310P,1                                | 1,21527,101,0",
    })
    void vendorRequest(String name, String type, String resources, String expected) throws Exception {
        assertThat(read(type, container("c", resources.split(",")), Map.of())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Ascend soft split takes memory and cores literally")
    @CsvSource("ascend-910b3")
    void ascendSoftSplit(String type) throws Exception {
        var c = container("c", "huawei.com/Ascend910B3", "1", "huawei.com/Ascend910B3-memory", "10000",
                "huawei.com/Ascend910B3-core", "5");
        assertThat(read(type, c, map("huawei.com/vnpu-mode", "hami-core"))).isEqualTo("1,10000,101,5");
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', value = {
        "Ascend memory above the card        | ascend-910b3     | huawei.com/Ascend910B3,1,huawei.com/Ascend910B3-memory,70000 | more than a Ascend910B3 card",
        "Ascend templates on several devices | ascend-910b3     | huawei.com/Ascend910B3,2,huawei.com/Ascend910B3-memory,16384 | not supported for several devices",
        "Ascend cores in hard split          | ascend-910b3     | huawei.com/Ascend910B3,1,huawei.com/Ascend910B3-core,5       | needs the pod annotation huawei.com/vnpu-mode",
        "Ascend 910C odd die count           | ascend-ascend910 | huawei.com/Ascend910C,3                                      | 1 or an even number",
        "MetaX sGPU fractional memory        | metax-sgpu       | metax-tech.com/sgpu,1,metax-tech.com/vmemory,1.5             | not a whole",
        "Moore Threads memory between sizes  | mthreads         | mthreads.com/vgpu,1,mthreads.com/sgpu-memory,3               | mthreads.com/sgpu-memory: 3 is not a Moore Threads sGPU size; valid sizes are [2, 4, 8, 16, 32, 64, 96]",
        "Moore Threads no memory at all      | mthreads         | mthreads.com/vgpu,1,mthreads.com/sgpu-memory,0               | 0 is not a Moore Threads sGPU size",
    })
    void rejects(String name, String type, String resources, String problem) {
        assertThatThrownBy(() -> read(type, container("c", resources.split(",")), Map.of()))
                .isInstanceOf(RequestException.class).hasMessageContaining(problem);
    }
}
