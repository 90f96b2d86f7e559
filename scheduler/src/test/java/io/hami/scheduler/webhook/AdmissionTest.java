package io.hami.scheduler.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hami.model.config.GpuCorePolicy;
import io.hami.model.config.NvidiaConfig;
import io.hami.scheduler.Configs;
import io.hami.scheduler.Kube;
import io.hami.scheduler.quota.QuotaBook;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scenarios of HAMi's webhook_test and the NVIDIA MutateAdmission cases of device_test
 * (docs/scheduler.md, "Webhook").
 */
class AdmissionTest {

    static final DeviceTypes TYPES = DeviceTypes.defaults();

    static NvidiaConfig nvidia(boolean overwriteEnv, GpuCorePolicy policy, String runtimeClass) {
        var d = NvidiaConfig.defaults();
        return new NvidiaConfig(d.resourceCountName(), d.resourceMemoryName(), d.resourceMemoryPercentageName(),
                d.resourceCoreName(), d.resourcePriorityName(), overwriteEnv, 0, 0, 1, 1, policy, runtimeClass,
                List.of(), false, 10, 1.0, 1.0, 0, 1, false);
    }

    static Admission.Settings settings(String schedulerName) {
        return new Admission.Settings(schedulerName, true, TYPES, Optional.of(NvidiaConfig.defaults()));
    }

    static Admission.Decision review(Pod pod) {
        return Admission.review(pod, "default", settings("hami-scheduler"), QuotaBook.EMPTY);
    }

    static Pod pod(Container... app) {
        return Kube.pod("p").app(app).build();
    }

    static Pod allowed(Admission.Decision d) {
        assertThat(d).isInstanceOf(Admission.Allow.class);
        return ((Admission.Allow) d).pod();
    }

    static String denied(Admission.Decision d) {
        assertThat(d).isInstanceOf(Admission.Deny.class);
        return ((Admission.Deny) d).message();
    }

    @Test
    void gpuPodIsAllowedAndGetsTheSchedulerName() {
        Pod out = allowed(review(pod(Kube.container("c", "nvidia.com/gpu", "1"))));
        assertThat(out.getSpec().getSchedulerName()).isEqualTo("hami-scheduler");
    }

    @Test
    void gpuPodWithPresetNodeNameIsDenied() {
        Pod p = new PodBuilder(pod(Kube.container("c", "nvidia.com/gpu", "1"))).editSpec().withNodeName("n1")
                .endSpec().build();
        assertThat(denied(review(p))).isEqualTo("pod has node assigned");
    }

    @Test
    void podOfAnotherSchedulerIsLeftUntouched() {
        Pod p = new PodBuilder(pod(Kube.container("c", "nvidia.com/gpu", "1"))).editSpec()
                .withSchedulerName("volcano").endSpec().build();
        var d = (Admission.Allow) review(p);
        assertThat(d.pod()).isSameAs(p);
        assertThat(d.message()).isEqualTo("pod already has different scheduler assigned");
    }

    @Test
    void defaultSchedulerIsOverwrittenOnlyWhenForced() {
        Pod p = new PodBuilder(pod(Kube.container("c", "nvidia.com/gpu", "1"))).editSpec()
                .withSchedulerName("default-scheduler").endSpec().build();
        assertThat(allowed(review(p)).getSpec().getSchedulerName()).isEqualTo("hami-scheduler");
        var notForced = new Admission.Settings("hami-scheduler", false, TYPES, Optional.of(NvidiaConfig.defaults()));
        assertThat(Admission.review(p, "default", notForced, QuotaBook.EMPTY)).isEqualTo(
                new Admission.Allow(p, "pod already has different scheduler assigned"));
    }

    @Test
    void podWithoutDevicesIsAllowedWithoutSchedulerName() {
        Pod out = allowed(review(pod(Kube.container("c"))));
        assertThat(out.getSpec().getSchedulerName()).isNull();
    }

    @Test
    void podWithoutContainersIsDenied() {
        assertThat(denied(review(pod()))).isEqualTo("pod has no containers");
    }

    @Test
    void privilegedGpuContainerIsDenied() {
        Container c = new ContainerBuilder(Kube.container("c", "nvidia.com/gpu", "1")).withNewSecurityContext()
                .withPrivileged(true).endSecurityContext().build();
        assertThat(denied(review(pod(c)))).isEqualTo("container c is privileged");
        Container plain = new ContainerBuilder(Kube.container("side")).withNewSecurityContext().withPrivileged(true)
                .endSecurityContext().build();
        allowed(review(pod(plain)));
    }

    static QuotaBook quota(String namespace, long limitMiB, long usedMiB) {
        var b = ClusterSnapshot.builder(TYPES).putQuota(Kube.quota(namespace, "q", "limits.nvidia.com/gpumem",
                Long.toString(limitMiB)));
        if (usedMiB > 0) {
            b.putPod(new PodUsage("u", namespace, "holder", "n1",
                    Map.of("nvidia", List.of(new DeviceUse("GPU-x", (int) usedMiB, 0, 1))), false));
        }
        return b.build().quotas();
    }

    @ParameterizedTest(name = "init {0}, app {1} x {2}: allowed {3}")
    @CsvSource({",100,1,true", ",1024,1,false", ",1024,2,false", ",400,2,true", "800;800,500,1,true",
        "1500,,1,false"})
    void quotaUsed1000OfLimit2000(String init, String app, int count, boolean allowed) {
        var b = Kube.pod("p");
        if (init != null) {
            for (String mem : init.split(";")) {
                b.init(Kube.container("i" + mem, "nvidia.com/gpu", "1", "nvidia.com/gpumem", mem));
            }
        }
        b.app(app == null ? Kube.container("c")
                : Kube.container("c", "nvidia.com/gpu", Integer.toString(count), "nvidia.com/gpumem", app));
        var d = Admission.review(b.build(), "default", settings("hami-scheduler"), quota("default", 2000, 1000));
        if (allowed) {
            allowed(d);
        } else {
            assertThat(denied(d)).isEqualTo("exceeding resource quota");
        }
    }

    @Test
    void namespaceWithoutQuotaFits() {
        var d = Admission.review(pod(Kube.container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "99999")),
                "other", settings("hami-scheduler"), quota("default", 2000, 1000));
        allowed(d);
    }

    @Test
    void cambriconQuotaCountsItsOwnUnits() {
        QuotaBook book = ClusterSnapshot.builder(TYPES).putQuota(Kube.quota("default", "q",
                "limits.cambricon.com/mlu.smlu.vmemory", "4", "limits.cambricon.com/mlu.smlu.vcore", "50")).build()
                .quotas();
        var fits = pod(Kube.container("c", "cambricon.com/vmlu", "1", "cambricon.com/mlu.smlu.vmemory", "3",
                "cambricon.com/mlu.smlu.vcore", "20"));
        var tooMuchMemory = pod(Kube.container("c", "cambricon.com/vmlu", "1", "cambricon.com/mlu.smlu.vmemory", "5",
                "cambricon.com/mlu.smlu.vcore", "20"));
        var tooManyCores = pod(Kube.container("c", "cambricon.com/vmlu", "1", "cambricon.com/mlu.smlu.vmemory", "1",
                "cambricon.com/mlu.smlu.vcore", "60"));
        allowed(Admission.review(fits, "default", settings("hami-scheduler"), book));
        denied(Admission.review(tooMuchMemory, "default", settings("hami-scheduler"), book));
        denied(Admission.review(tooManyCores, "default", settings("hami-scheduler"), book));
    }

    @Test
    void unreadableRequestIsRefusedWithTheReason() {
        var d = (Admission.Deny) review(pod(Kube.container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "16Gi")));
        assertThat(d.code()).isEqualTo(400);
        assertThat(d.message()).contains("nvidia.com/gpumem");
    }

    // device_test: MutateAdmission

    @ParameterizedTest(name = "{0}={1}: asks for a GPU {2}")
    @CsvSource({"nvidia.com/gpu,1,true", "nvidia.com/gpucores,30,true", "nvidia.com/gpumem,1000,true",
        "nvidia.com/gpumem-percentage,50,true", "example.com/foo,1,false"})
    void anyNvidiaResourceInLimitsAsksForAGpu(String resource, String value, boolean asks) {
        Pod out = allowed(review(pod(Kube.container("c", resource, value))));
        assertThat(out.getSpec().getSchedulerName() != null).isEqualTo(asks);
        if (asks) {
            assertThat(out.getSpec().getContainers().get(0).getResources().getLimits()).containsKey("nvidia.com/gpu");
        }
    }

    @ParameterizedTest(name = "percentage {0}: accepted {1}")
    @CsvSource({"0,true", "100,true", "101,false", "150,false", "-1,false"})
    void percentageMustLieIn0To100(String pct, boolean accepted) {
        var d = review(pod(Kube.container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem-percentage", pct)));
        if (accepted) {
            allowed(d);
        } else {
            assertThat(denied(d)).isEqualTo("invalid nvidia.com/gpumem-percentage value " + pct
                    + " in container c: must be an integer between 0 and 100");
            assertThat(((Admission.Deny) d).code()).isEqualTo(500);
        }
    }

    static String cores(Container c) {
        var limits = c.getResources().getLimits();
        return limits.containsKey("nvidia.com/gpucores") ? limits.get("nvidia.com/gpucores").toString() : null;
    }

    @Test
    void countOnlyRequestsBecomeExclusive() {
        assertThat(cores(one(Kube.container("c", "nvidia.com/gpu", "1")))).isEqualTo("100");
        assertThat(cores(one(Kube.container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem-percentage", "100"))))
                .isEqualTo("100");
        assertThat(cores(one(Kube.requesting("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem-percentage", "100"))))
                .isEqualTo("100");
        assertThat(cores(one(Kube.container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem-percentage", "50"))))
                .isNull();
        assertThat(cores(one(Kube.container("c", "nvidia.com/gpu", "1", "nvidia.com/gpucores", "70"))))
                .isEqualTo("70");
        assertThat(cores(one(Kube.container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "8192")))).isNull();
        Container requested = one(Kube.requesting("c", "nvidia.com/gpu", "1", "nvidia.com/gpucores", "55"));
        assertThat(requested.getResources().getRequests().get("nvidia.com/gpucores").toString()).isEqualTo("55");
    }

    @Test
    void customResourceNamesWork() {
        var types = Configs.withNvidia(Configs.hamiNames(0, 0, 1));
        var s = new Admission.Settings("hami-scheduler", true, types, Optional.of(Configs.hamiNames(0, 0, 1)));
        Pod out = allowed(Admission.review(pod(Kube.container("c", "hami.io/gpu", "1")), "default", s,
                QuotaBook.EMPTY));
        assertThat(out.getSpec().getContainers().get(0).getResources().getLimits()).containsKey("hami.io/gpucores");
    }

    static Container one(Container c) {
        return allowed(review(pod(c))).getSpec().getContainers().get(0);
    }

    static Pod withConfig(NvidiaConfig config, Container... containers) {
        var s = new Admission.Settings("hami-scheduler", true, TYPES, Optional.of(config));
        return allowed(Admission.review(pod(containers), "default", s, QuotaBook.EMPTY));
    }

    @Test
    void priorityAndCorePolicyBecomeEnvironment() {
        Pod out = withConfig(nvidia(false, GpuCorePolicy.FORCE, ""),
                Kube.container("c", "nvidia.com/gpu", "1", "nvidia.com/priority", "5"));
        assertThat(out.getSpec().getContainers().get(0).getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("CUDA_TASK_PRIORITY", "5"),
                        org.assertj.core.groups.Tuple.tuple("GPU_CORE_UTILIZATION_POLICY", "force"));
    }

    @Test
    void runtimeClassIsSetOnGpuPods() {
        Pod out = withConfig(nvidia(false, GpuCorePolicy.DEFAULT, "nvidia"), Kube.container("c", "nvidia.com/gpu", "1"));
        assertThat(out.getSpec().getRuntimeClassName()).isEqualTo("nvidia");
    }

    @Test
    void overwriteEnvHidesGpusFromOtherContainers() {
        Pod out = withConfig(nvidia(true, GpuCorePolicy.DEFAULT, ""), Kube.container("gpu", "nvidia.com/gpu", "1"),
                Kube.container("side"));
        assertThat(out.getSpec().getContainers().get(0).getEnv()).isNullOrEmpty();
        assertThat(out.getSpec().getContainers().get(1).getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NVIDIA_VISIBLE_DEVICES", "none"));
    }

    @Test
    void theOriginalPodIsNeverModified() {
        Pod original = pod(Kube.container("c", "nvidia.com/gpu", "1"));
        String before = original.toString();
        review(original);
        assertThat(original.toString()).isEqualTo(before);
    }
}
