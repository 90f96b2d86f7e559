package io.hami.scheduler.quota;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.scheduler.Configs;
import io.hami.scheduler.request.RequestReader;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** quota_test.go FitQuota and webhook_test.go's admission quota checks (docs/scheduler.md, "Quotas"). */
class QuotaBookTest {

    private static QuotaBook book(String ns, long memUsed, long memLimit, long coreUsed, long coreLimit) {
        return new QuotaBook(Map.of(ns, Map.of("nvidia.com/gpumem", new QuotaEntry(memUsed, memLimit, true),
                "nvidia.com/gpucores", new QuotaEntry(coreUsed, coreLimit, true))));
    }

    private static DeviceType nvidia(int factor) {
        return Configs.withNvidia(Configs.nvidia(0, 0, factor)).byId("nvidia").orElseThrow();
    }

    @ParameterizedTest(name = "FitQuota(mem {0}, factor {1}, cores {2}) = {3}")
    @CsvSource({"500, 1, 100, true", "1500, 1, 100, false", "500, 1, 300, false", "1000, 2, 100, true",
        "5000, 2, 100, false"})
    void fitQuota(long mem, int factor, long cores, boolean expected) {
        var q = book("ns", 1000, 2000, 200, 400);
        assertThat(q.fits("ns", nvidia(factor), mem, cores)).isEqualTo(expected);
    }

    @Test
    void otherNamespacesAndVendorsFit() {
        var q = book("ns", 1000, 2000, 200, 400);
        assertThat(q.fits("other", nvidia(1), 5000, 5000)).isTrue();
        assertThat(q.fits("ns", Configs.type("hygon"), 5000, 5000)).isTrue();
    }

    @Test
    void anExplicitZeroLimitBlocks() {
        var q = new QuotaBook(Map.of("ns", Map.of("nvidia.com/gpumem", new QuotaEntry(0, 0, true))));
        assertThat(q.fits("ns", nvidia(1), 500, 0)).isFalse();
        var unset = new QuotaBook(Map.of("ns", Map.of("nvidia.com/gpumem", new QuotaEntry(900, 0, false))));
        assertThat(unset.fits("ns", nvidia(1), 500, 0)).isTrue();
    }

    @Test
    void managedResourcesAreTheMemoryAndCoreNames() {
        var managed = QuotaLimits.managed(DeviceTypes.defaults());
        assertThat(managed).contains("nvidia.com/gpumem", "nvidia.com/gpucores", "cambricon.com/mlu.smlu.vmemory",
                "hygon.com/dcumem").doesNotContain("nvidia.com/gpu", "nvidia.com/gpumem-percentage");
    }

    @ParameterizedTest(name = "webhook quota (Used 1000 / Limit 2000 MiB): {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "app 1x100                   | true",
        "app 1x1024                  | false",
        "app 2x1024                  | false",
        "app 2x400                   | true",
        "init 800, init 800, app 500 | true",
        "init 1500                   | false",
    })
    void admission(String containers, boolean admitted) throws Exception {
        var b = pod("p").namespace("ns");
        int i = 0;
        for (String c : containers.split(", ")) {
            String[] kind = c.split(" ");
            String[] nx = kind[1].contains("x") ? kind[1].split("x") : new String[] {"1", kind[1]};
            var ctr = container("c" + i++, "nvidia.com/gpu", nx[0], "nvidia.com/gpumem", nx[1]);
            if (kind[0].equals("init")) {
                b.init(ctr);
            } else {
                b.app(ctr);
            }
        }
        var request = RequestReader.read(b.build(), DeviceTypes.defaults());
        var q = new QuotaBook(Map.of("ns", Map.of("nvidia.com/gpumem", new QuotaEntry(1000, 2000, true))));
        assertThat(q.admissionExceeds("ns", request).isEmpty()).isEqualTo(admitted);
    }

    @Test
    void admissionCountsVendorUnitsAndFactors() throws Exception {
        var hygon = Configs.type("hygon");
        var mlu = new QuotaBook(Map.of("ns", Map.of("cambricon.com/mlu.smlu.vmemory", new QuotaEntry(0, 10, true))));
        var fourUnits = RequestReader.read(pod("p").namespace("ns").app(container("c", "cambricon.com/vmlu", "1",
                "cambricon.com/mlu.smlu.vmemory", "4")).build(), DeviceTypes.defaults());
        var twelveUnits = RequestReader.read(pod("p").namespace("ns").app(container("c", "cambricon.com/vmlu", "1",
                "cambricon.com/mlu.smlu.vmemory", "12")).build(), DeviceTypes.defaults());
        assertThat(mlu.admissionExceeds("ns", fourUnits)).isEmpty();
        assertThat(mlu.admissionExceeds("ns", twelveUnits)).isPresent();
        var cores = new QuotaBook(Map.of("ns", Map.of("hygon.com/dcucores", new QuotaEntry(0, 150, true))));
        var twoCards = RequestReader.read(pod("p").namespace("ns").app(container("c", "hygon.com/dcunum", "2")).build(),
                DeviceTypes.defaults());
        assertThat(cores.admissionExceeds("ns", twoCards)).contains(hygon);
        assertThat(cores.admissionExceeds("free", twoCards)).isEmpty();
    }
}
