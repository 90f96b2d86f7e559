package io.hami.scheduler.fit;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.gpu;
import static io.hami.scheduler.Kube.nvidiaNode;
import static io.hami.scheduler.Kube.pod;
import static io.hami.scheduler.Kube.quota;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.hami.scheduler.Kube;
import io.hami.scheduler.Scenario;
import io.hami.scheduler.filter.FilterResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** device_test.go fitQuota and scheduler_test.go ResourceQuota via Filter (docs/scheduler.md, "Quotas"). */
class QuotaFitTest {

    private static Container gpu(String name, int count, int mem) {
        return container(name, "nvidia.com/gpu", Integer.toString(count), "nvidia.com/gpumem", Integer.toString(mem));
    }

    private static Scenario limited(int devices) {
        var specs = new io.hami.model.device.NodeDevice[devices];
        for (int i = 0; i < devices; i++) {
            specs[i] = Kube.gpu("g" + i, i, 10, 8000, 100, 0);
        }
        return Scenario.of(nvidiaNode("n", specs)).quota(quota("ns", "q", "limits.nvidia.com/gpumem", "2048"));
    }

    private static boolean fits(Scenario s, io.hami.scheduler.Kube.PodSpecBuilder p) {
        return s.filter(p.namespace("ns").build()).kind() == FilterResult.Kind.SCHEDULED;
    }

    @ParameterizedTest(name = "fitQuota limit 2048: app containers {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "100            | true",
        "3000           | false",
        "1024,100       | true",
        "1024,2000      | false",
        "1024,1024,100  | false",
        "100,100,100    | true",
    })
    void appContainers(String mems, boolean expected) {
        var b = pod("p");
        String[] m = mems.split(",");
        for (int i = 0; i < m.length; i++) {
            b.app(gpu("a" + i, 1, Integer.parseInt(m[i])));
        }
        assertThat(fits(limited(1), b)).isEqualTo(expected);
    }

    @Test
    void picksOfTheSameContainerCount() {
        assertThat(fits(limited(2), pod("p").app(gpu("a", 2, 1024)))).isTrue();
        assertThat(fits(limited(2), pod("p").app(gpu("a", 2, 1025)))).isFalse();
    }

    @Test
    void otherPodsOfTheNamespaceCount() {
        var s = limited(1).holding("n", "hami.io/vgpu-devices-allocated", "g0,NVIDIA,1024,0:;", "ns");
        assertThat(fits(s, pod("p").app(gpu("a", 1, 100)))).isTrue();
        assertThat(fits(s, pod("p").app(gpu("a", 1, 2000)))).isFalse();
        var otherNamespace = limited(1).holding("n", "hami.io/vgpu-devices-allocated", "g0,NVIDIA,1024,0:;", "other");
        assertThat(fits(otherNamespace, pod("p").app(gpu("a", 1, 2000)))).isTrue();
    }

    @ParameterizedTest(name = "init containers take their peak: init {0}, app {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "1500,1500 | ''   | true",
        "1024,1024 | 500  | true",
        "2100      | 100  | false",
    })
    void initContainersCountTheirPeak(String init, String app, boolean expected) {
        var b = pod("p");
        String[] m = init.split(",");
        for (int i = 0; i < m.length; i++) {
            b.init(gpu("i" + i, 1, Integer.parseInt(m[i])));
        }
        b.app(app.isEmpty() ? container("a") : gpu("a", 1, Integer.parseInt(app)));
        assertThat(fits(limited(1), b)).isEqualTo(expected);
    }

    @Test
    void resourceQuotaViaFilter() {
        var nodes = Scenario.of(nvidiaNode("node1", Kube.gpu("d1", 0, 10, 2000, 100, 0), Kube.gpu("d2", 1, 10, 8000, 100, 0),
                Kube.gpu("d3", 2, 10, 4000, 100, 0), Kube.gpu("d4", 3, 10, 6000, 100, 0)));
        var ok = nodes.quota(quota("ns", "q", "limits.nvidia.com/gpucores", "200", "limits.nvidia.com/gpumem", "4000"));
        var twoWhole = pod("p").namespace("ns").app(container("c", "nvidia.com/gpu", "2", "nvidia.com/gpumem", "2000",
                "nvidia.com/gpucores", "100")).build();
        assertThat(ok.filter(twoWhole).node()).contains("node1");

        var tooMuch = pod("p").namespace("ns").app(container("c", "nvidia.com/gpu", "2", "nvidia.com/gpumem", "3000",
                "nvidia.com/gpucores", "60")).build();
        assertThat(ok.filter(tooMuch).failedNodes())
                .containsEntry("node1", "1/4 AllocatedCardsInsufficientRequest, 3/4 ResourceQuotaNotFit");
    }

    @Test
    void wholeCardRequestAgainstAMemoryQuota() {
        var node = nvidiaNode("node1", Kube.gpu("d1", 0, 10, 2000, 100, 0));
        var whole = pod("p").namespace("ns").app(container("c", "nvidia.com/gpu", "1")).build();
        assertThat(Scenario.of(node).quota(quota("ns", "q", "limits.nvidia.com/gpumem", "2000")).filter(whole).kind())
                .isEqualTo(FilterResult.Kind.SCHEDULED);
        assertThat(Scenario.of(node).quota(quota("ns", "q", "limits.nvidia.com/gpumem", "1500")).filter(whole)
                .failedNodes()).containsEntry("node1", "1/1 ResourceQuotaNotFit");
    }

    @Test
    void anExplicitZeroLimitBlocksAndNoLimitDoesNot() {
        var node = nvidiaNode("node1", Kube.gpu("d1", 0, 10, 2000, 100, 0));
        var p = pod("p").namespace("ns").app(gpu("c", 1, 100)).build();
        assertThat(Scenario.of(node).quota(quota("ns", "q", "limits.nvidia.com/gpumem", "0")).filter(p).kind())
                .isEqualTo(FilterResult.Kind.UNSCHEDULABLE);
        assertThat(Scenario.of(node).quota(quota("ns", "q", "requests.nvidia.com/gpumem", "0")).filter(p).kind())
                .isEqualTo(FilterResult.Kind.SCHEDULED);
    }
}
