package io.hami.scheduler.request;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.pod;
import static io.hami.scheduler.Kube.requesting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.hami.scheduler.Configs;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GenerateResourceRequests (HAMi's device_test.go; docs/scheduler.md, "Requests") and Resourcereqs positions
 * (devices_test, config_test).
 */
class RequestReaderTest {

    private static final DeviceTypes DEFAULTS = DeviceTypes.defaults();

    private static String nvidia(DeviceTypes types, Container c) throws RequestException {
        Optional<ContainerRequest> r = RequestReader.read(c, types.byId("nvidia").orElseThrow(), Map.of());
        return r.map(x -> x.count() + "," + x.memory() + "," + x.memoryPercent() + "," + x.cores()).orElse("none");
    }

    @ParameterizedTest(name = "GenerateResourceRequests {0}")
    @CsvSource(delimiter = '|', value = {
        "gpu=1 only                    | nvidia.com/gpu,1                                             | 1,0,100,0",
        "gpu=2 gpumem=4096             | nvidia.com/gpu,2,nvidia.com/gpumem,4096                      | 2,4096,101,0",
        "gpu=1 pct=50                  | nvidia.com/gpu,1,nvidia.com/gpumem-percentage,50             | 1,0,50,0",
        "pct=150 reads as 100          | nvidia.com/gpu,1,nvidia.com/gpumem-percentage,150            | 1,0,100,0",
        "pct=101 reads as 100          | nvidia.com/gpu,1,nvidia.com/gpumem-percentage,101            | 1,0,100,0",
        "pct=2^32+50 reads as 100      | nvidia.com/gpu,1,nvidia.com/gpumem-percentage,4294967346     | 1,0,100,0",
        "pct=0 is the whole card       | nvidia.com/gpu,1,nvidia.com/gpumem-percentage,0              | 1,0,100,0",
        "pct=-1 is the whole card      | nvidia.com/gpu,1,nvidia.com/gpumem-percentage,-1             | 1,0,100,0",
        "pct=0 with gpumem=2000        | nvidia.com/gpu,1,nvidia.com/gpumem-percentage,0,nvidia.com/gpumem,2000 | 1,2000,101,0",
        "cores given                   | nvidia.com/gpu,1,nvidia.com/gpucores,30                      | 1,0,100,30",
        "gpu=0 is no request           | nvidia.com/gpu,0                                             | none",
        "no gpu is no request          | nvidia.com/gpumem,1000                                       | none",
        "1k gpumem is 1000 MiB         | nvidia.com/gpu,1,nvidia.com/gpumem,1k                        | 1,1000,101,0",
    })
    void generateResourceRequests(String name, String resources, String expected) throws Exception {
        assertThat(nvidia(DEFAULTS, container("c", resources.split(",")))).isEqualTo(expected);
    }

    @Test
    void readsRequestsWhenLimitsAreAbsent() throws Exception {
        assertThat(nvidia(DEFAULTS, requesting("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "3000")))
                .isEqualTo("1,3000,101,0");
    }

    @ParameterizedTest(name = "defaultMemory 512: {0}")
    @CsvSource(delimiter = '|', value = {
        "gpu only     | nvidia.com/gpu,1                                         | 1,512,101,0",
        "pct 0        | nvidia.com/gpu,1,nvidia.com/gpumem-percentage,0          | 1,512,101,0",
        "gpumem 0     | nvidia.com/gpu,1,nvidia.com/gpumem,0                     | 1,512,101,0",
        "pct 40       | nvidia.com/gpu,1,nvidia.com/gpumem-percentage,40         | 1,0,40,0",
    })
    void defaultMemory(String name, String resources, String expected) throws Exception {
        var types = Configs.withNvidia(Configs.nvidia(512, 0, 1));
        assertThat(nvidia(types, container("c", resources.split(",")))).isEqualTo(expected);
    }

    @Test
    void defaultCoresApplyWhenCoresAreNotAsked() throws Exception {
        var types = Configs.withNvidia(Configs.nvidia(0, 25, 1));
        assertThat(nvidia(types, container("c", "nvidia.com/gpu", "1"))).isEqualTo("1,0,100,25");
        assertThat(nvidia(types, container("c", "nvidia.com/gpu", "1", "nvidia.com/gpucores", "60")))
                .isEqualTo("1,0,100,60");
    }

    @Test
    void memoryFactorScalesMemory() throws Exception {
        var types = Configs.withNvidia(Configs.nvidia(0, 0, 2));
        assertThat(nvidia(types, container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "1024")))
                .isEqualTo("1,2048,101,0");
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', value = {
        "16Gi (bytes, not MiB)  | 1 | 16Gi    | looks like bytes",
        "16.0Gi                 | 1 | 16.0Gi  | looks like bytes",
        "1Gi with factor 2      | 2 | 1Gi     | looks like bytes",
        "a fraction             | 1 | 1.5     | not a whole number",
        "a negative amount      | 1 | -5      | must not be negative",
    })
    void rejectsMemoryHamiWouldSilentlyDrop(String name, int factor, String memory, String problem) {
        var types = Configs.withNvidia(Configs.nvidia(0, 0, factor));
        assertThatThrownBy(() -> nvidia(types, container("train", "nvidia.com/gpu", "1", "nvidia.com/gpumem", memory)))
                .isInstanceOf(RequestException.class)
                .hasMessageContaining("container \"train\"")
                .hasMessageContaining("nvidia.com/gpumem")
                .hasMessageContaining(problem);
    }

    @Test
    void configTestHamiNamesOneGpuContainer() throws Exception {
        var types = Configs.withNvidia(Configs.hamiNames(0, 0, 1));
        assertThat(nvidia(types, container("c", "hami.io/gpu", "1", "hami.io/gpumem", "1000", "hami.io/gpucores", "30")))
                .isEqualTo("1,1000,101,30");
    }

    @Test
    void resourcereqsOnlyAppContainers() throws Exception {
        var r = RequestReader.read(pod("p").app(container("a", "nvidia.com/gpu", "1"), container("b")).build(), DEFAULTS);
        assertThat(r.containers()).hasSize(2);
        assertThat(r.initCount()).isZero();
        assertThat(r.containers().get(0).requests()).hasSize(1);
        assertThat(r.containers().get(1).isEmpty()).isTrue();
    }

    @Test
    void resourcereqsInitContainersComeFirstAndKeepTheirPositions() throws Exception {
        var r = RequestReader.read(pod("p")
                .init(container("i0"), container("i1", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "100"))
                .app(container("a0", "nvidia.com/gpu", "2"), container("a1")).build(), DEFAULTS);
        assertThat(r.containers()).extracting(ContainerRequests::name).containsExactly("i0", "i1", "a0", "a1");
        assertThat(r.containers()).extracting(ContainerRequests::init).containsExactly(true, true, false, false);
        assertThat(r.containers().get(0).isEmpty()).isTrue();
        assertThat(r.containers().get(1).requests().getFirst().memory()).isEqualTo(100);
        assertThat(r.containers().get(2).requests().getFirst().count()).isEqualTo(2);
        assertThat(r.containers().get(3).isEmpty()).isTrue();
        assertThat(r.appContainersRequest(Configs.type("nvidia"))).isTrue();
    }

    @Test
    void resourcereqsEmptyPodAndPodWithoutRequests() throws Exception {
        assertThat(RequestReader.read(pod("p").build(), DEFAULTS).containers()).isEmpty();
        var none = RequestReader.read(pod("p").app(container("a")).build(), DEFAULTS);
        assertThat(none.containers()).hasSize(1);
        assertThat(none.isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "config_test: GPU container at position {0} of 3")
    @CsvSource({"0", "1", "2"})
    void configTestGpuContainerPosition(int position) throws Exception {
        var types = Configs.withNvidia(Configs.hamiNames(0, 0, 1));
        var containers = new Container[] {container("c0"), container("c1"), container("c2")};
        containers[position] = container("c" + position, "hami.io/gpu", "1", "hami.io/gpumem", "1000",
                "hami.io/gpucores", "30");
        var r = RequestReader.read(pod("p").app(containers).build(), types);
        for (int i = 0; i < 3; i++) {
            assertThat(r.containers().get(i).isEmpty()).isEqualTo(i != position);
        }
    }

    @Test
    void anInitOnlyRequestIsNotAnAppRequest() throws Exception {
        var r = RequestReader.read(pod("p").init(container("i", "nvidia.com/gpu", "1")).app(container("a")).build(),
                DEFAULTS);
        assertThat(r.appContainersRequest(Configs.type("nvidia"))).isFalse();
        assertThat(r.types()).extracting(t -> t.id()).containsExactly("nvidia");
    }
}
