package io.hami.scheduler.webhook;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.model.config.DeviceConfig;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.config.VnpuConfig;
import io.hami.model.config.VnpuSection;
import io.hami.scheduler.quota.QuotaBook;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.request.RequestReader;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The webhook's mutations and refusals of the other vendors (HAMi's {@code MutateAdmission} per vendor; docs/
 * scheduler.md, "Webhook"): each mutation makes the pod show what the scheduler counts, each refusal one message.
 */
class VendorAdmissionTest {

    /** The chart's types, with the Ascend chips given a runtime class. */
    static final DeviceTypes TYPES = types(false);
    /** The same with the Ascend chips' {@code overwriteEnv}. */
    static final DeviceTypes HIDING = types(true);

    private static DeviceTypes types(boolean overwriteEnv) {
        var d = DeviceConfig.defaults();
        var chips = VnpuSection.defaults().configs().stream().map(c -> new VnpuConfig(c.chipName(), c.commonWord(),
                c.resourceName(), c.resourceMemoryName(), c.resourceCoreName(), c.memoryAllocatable(),
                c.memoryCapacity(), c.memoryFactor(), c.aiCore(), c.aiCPU(), "ascend", overwriteEnv, c.superPod(),
                c.templates())).toList();
        return DeviceTypes.from(new DeviceConfig(d.nvidia(), d.cambricon(), d.hygon(), d.metax(), d.mthreads(),
                d.iluvatars(), d.enflame(), d.kunlun(), d.awsneuron(), d.amd(), d.vastai(), d.biren(),
                Optional.of(new VnpuSection(false, chips))));
    }

    static Admission.Decision review(Pod pod) {
        return review(pod, TYPES);
    }

    static Admission.Decision review(Pod pod, DeviceTypes types) {
        return Admission.review(pod, "default", new Admission.Settings("hami-scheduler", true, types,
                Optional.of(NvidiaConfig.defaults())), QuotaBook.EMPTY);
    }

    static Pod allowed(Pod pod) {
        return allowed(review(pod));
    }

    static Pod allowed(Admission.Decision d) {
        assertThat(d).as(d.toString()).isInstanceOf(Admission.Allow.class);
        return ((Admission.Allow) d).pod();
    }

    static String denied(Pod pod) {
        var d = review(pod);
        assertThat(d).as(d.toString()).isInstanceOf(Admission.Deny.class);
        assertThat(((Admission.Deny) d).code()).isEqualTo(400);
        return ((Admission.Deny) d).message();
    }

    static Container first(Pod pod) {
        return pod.getSpec().getContainers().getFirst();
    }

    static Map<String, String> limits(Container c) {
        return quantities(c.getResources().getLimits());
    }

    static Map<String, String> requests(Container c) {
        return quantities(c.getResources().getRequests());
    }

    private static Map<String, String> quantities(Map<String, Quantity> q) {
        var out = new TreeMap<String, String>();
        if (q != null) {
            q.forEach((k, v) -> out.put(k, v.toString()));
        }
        return out;
    }

    /** What the scheduler counts for the pod; the mutated pod must read the same. */
    static String counted(Pod pod) throws Exception {
        PodRequest r = RequestReader.read(pod, TYPES);
        return r.containers().toString();
    }

    // The six vendors the scheduler serves alone (HAMi's MutateAdmission in pkg/device/<vendor>/)

    @Test
    void kunlunVxpuMemoryIsWrittenBackAsItsSize() throws Exception {
        Pod out = allowed(pod("p").app(container("c", "kunlunxin.com/vxpu", "1", "kunlunxin.com/vxpu-memory", "30000"))
                .build());
        assertThat(limits(first(out))).containsEntry("kunlunxin.com/vxpu-memory", "49152");
        assertThat(requests(first(out))).containsEntry("kunlunxin.com/vxpu-memory", "49152");
        assertThat(out.getSpec().getSchedulerName()).isEqualTo("hami-scheduler");
    }

    @Test
    void enflameDrsAsksByMemoryAndCoresAlone() throws Exception {
        Pod out = allowed(pod("p").app(container("c", "enflame.com/gcu-memory", "20480", "enflame.com/gcu-core", "40"))
                .build());
        assertThat(requests(first(out))).containsEntry("enflame.com/gcu-memory", "20480")
                .containsEntry("enflame.com/gcu-core", "40");
        assertThat(out.getSpec().getSchedulerName()).isEqualTo("hami-scheduler");
        assertThat(denied(pod("p").app(container("c", "enflame.com/gcu-core", "120")).build()))
                .contains("enflame.com/gcu-core must be in range (0,100]");
    }

    @Test
    void neuronCoresMustFillDevicesAndAmdCoresArePercentages() {
        assertThat(denied(pod("p").app(container("c", "aws.amazon.com/neuroncore", "3")).build()))
                .contains("aws.amazon.com/neuroncore must be 1 or a multiple of 2, got 3");
        assertThat(denied(pod("p").app(container("c", "amd.com/gpu", "1", "amd.com/gpucores", "0")).build()))
                .contains("amd.com/gpucores must be an integer percentage between 1 and 100");
    }

    @Test
    void vastaiAndBirenAskByTheirCountInLimits() {
        assertThat(allowed(pod("p").app(container("c", "vastaitech.com/va", "1")).build()).getSpec().getSchedulerName())
                .isEqualTo("hami-scheduler");
        assertThat(allowed(pod("p").app(container("c", "birentech.com/gpu", "1")).build()).getSpec().getSchedulerName())
                .isEqualTo("hami-scheduler");
    }

    // Ascend

    @Test
    void ascendMemoryIsTrimmedToTheTemplateInLimitsAndRequests() throws Exception {
        var p = pod("p").app(container("c", "huawei.com/Ascend910B3", "1", "huawei.com/Ascend910B3-memory", "10000"))
                .build();
        Pod out = allowed(p);
        assertThat(limits(first(out))).containsEntry("huawei.com/Ascend910B3-memory", "16384")
                .containsEntry("huawei.com/Ascend910B3", "1");
        assertThat(requests(first(out))).containsEntry("huawei.com/Ascend910B3-memory", "16384");
        assertThat(out.getSpec().getRuntimeClassName()).isEqualTo("ascend");
        assertThat(counted(out)).isEqualTo(counted(p));
    }

    @Test
    void ascendWithoutMemoryBooksTheWholeCardAndKeepsARuntimeClassTheUserChose() {
        var p = new PodBuilder(pod("p").app(container("c", "huawei.com/Ascend910B3", "2")).build()).editSpec()
                .withRuntimeClassName("mine").endSpec().build();
        Pod out = allowed(p);
        assertThat(limits(first(out))).containsEntry("huawei.com/Ascend910B3-memory", "65536");
        assertThat(requests(first(out))).containsEntry("huawei.com/Ascend910B3-memory", "65536");
        assertThat(out.getSpec().getRuntimeClassName()).isEqualTo("mine");
    }

    @Test
    void ascendSoftSplitKeepsMemoryAndAllowsCores() throws Exception {
        var p = pod("p").annotate("huawei.com/vnpu-mode", "hami-core").app(container("c", "huawei.com/Ascend910B3", "1",
                "huawei.com/Ascend910B3-memory", "10000", "huawei.com/Ascend910B3-core", "5")).build();
        Pod out = allowed(p);
        assertThat(limits(first(out))).containsEntry("huawei.com/Ascend910B3-memory", "10000")
                .containsEntry("huawei.com/Ascend910B3-core", "5");
        assertThat(counted(out)).isEqualTo(counted(p));
    }

    @Test
    void ascend910cOneDieBecomesAModuleInLimitsAndRequests() throws Exception {
        var c = new ContainerBuilder(container("c", "huawei.com/Ascend910C", "1")).editResources()
                .addToRequests("huawei.com/Ascend910C", new Quantity("1")).endResources().build();
        Pod p = pod("p").app(c).build();
        Pod out = allowed(p);
        assertThat(limits(first(out))).containsEntry("huawei.com/Ascend910C", "2");
        assertThat(requests(first(out))).containsEntry("huawei.com/Ascend910C", "2");
        assertThat(counted(out)).isEqualTo(counted(p));
    }

    @Test
    void ascendRefusalsNameTheContainerAndTheRule() {
        assertThat(denied(pod("p").app(container("c", "huawei.com/Ascend910C", "3")).build()))
                .isEqualTo("container \"c\": huawei.com/Ascend910C: a Ascend910C request must be 1 or an even number "
                        + "of dies: 3");
        assertThat(denied(pod("p").app(container("c", "huawei.com/Ascend910B3", "1", "huawei.com/Ascend910B3-core",
                "5")).build())).isEqualTo("container \"c\": huawei.com/Ascend910B3-core needs the pod annotation "
                        + "huawei.com/vnpu-mode: hami-core");
        assertThat(denied(pod("p").app(container("c", "huawei.com/Ascend910B3", "1", "huawei.com/Ascend910B3-memory",
                "70000")).build())).isEqualTo("container \"c\": huawei.com/Ascend910B3-memory: 70000 MiB is more than a "
                        + "Ascend910B3 card holds (65536 MiB)");
        assertThat(denied(pod("p").app(container("c", "huawei.com/Ascend910B3", "2", "huawei.com/Ascend910B3-memory",
                "16384")).build())).isEqualTo("container \"c\": vNPU templates are not supported for several devices: "
                        + "ask whole cards (no memory, or 65536 MiB)");
    }

    @Test
    void ascendOverwriteEnvHidesNpusFromContainersThatAskForNone() {
        Pod p = pod("p").app(container("npu", "huawei.com/Ascend910B3", "1"), container("cpu")).build();
        assertThat(allowed(p).getSpec().getContainers().get(1).getEnv()).isNullOrEmpty();
        Pod out = allowed(review(p, HIDING));
        assertThat(out.getSpec().getContainers().get(0).getEnv()).isNullOrEmpty();
        assertThat(out.getSpec().getContainers().get(1).getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly(tuple("ASCEND_VISIBLE_DEVICES", ""));
    }

    // Iluvatar

    @Test
    void iluvatarSeveralGpusGetWholeCardsAndEveryContainerItsName() throws Exception {
        var named = new ContainerBuilder(container("b", "iluvatar.ai/MR-V100-vgpu", "1")).addNewEnv()
                .withName("SOL_CONTINER_NAME").withValue("custom").endEnv().build();
        Pod p = pod("p").app(container("a", "iluvatar.ai/MR-V100-vgpu", "2", "iluvatar.ai/MR-V100.vCore", "30"), named)
                .build();
        Pod out = allowed(p);
        Container a = out.getSpec().getContainers().get(0);
        assertThat(limits(a)).containsEntry("iluvatar.ai/MR-V100.vCore", "200");
        assertThat(a.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly(tuple("SOL_CONTINER_NAME", "a"));
        Container b = out.getSpec().getContainers().get(1);
        assertThat(limits(b)).doesNotContainKey("iluvatar.ai/MR-V100.vCore");
        assertThat(b.getEnv()).extracting(EnvVar::getValue).containsExactly("custom");
        assertThat(counted(out)).isEqualTo(counted(p));
    }

    // Moore Threads

    @Test
    void mooreThreadsSeveralGpusAreWholeCardsAndTheCountIsAnnotated() throws Exception {
        Pod p = pod("p").app(container("c", "mthreads.com/vgpu", "2", "mthreads.com/sgpu-memory", "8")).build();
        Pod out = allowed(p);
        assertThat(limits(first(out))).containsEntry("mthreads.com/sgpu-core", "32")
                .containsEntry("mthreads.com/sgpu-memory", "192");
        assertThat(out.getMetadata().getAnnotations()).containsEntry("mthreads.com/request-gpu-num", "2");
        assertThat(counted(out)).isEqualTo(counted(p));
    }

    @Test
    void mooreThreadsOneGpuWithoutMemoryIsAWholeCard() throws Exception {
        Pod p = pod("p").app(container("c", "mthreads.com/vgpu", "1")).build();
        Pod out = allowed(p);
        assertThat(limits(first(out))).containsEntry("mthreads.com/sgpu-core", "16")
                .containsEntry("mthreads.com/sgpu-memory", "96");
        assertThat(out.getMetadata().getAnnotations()).doesNotContainKey("mthreads.com/request-gpu-num");
        assertThat(counted(out)).isEqualTo(counted(p));
    }

    @Test
    void mooreThreadsOneSgpuOfAValidSizeIsLeftAsAsked() {
        Pod out = allowed(pod("p").app(container("c", "mthreads.com/vgpu", "1", "mthreads.com/sgpu-memory", "8"))
                .build());
        assertThat(limits(first(out))).isEqualTo(Map.of("mthreads.com/vgpu", "1", "mthreads.com/sgpu-memory", "8"));
    }

    @Test
    void mooreThreadsRefusesNoGpuAndSizesBetweenSteps() {
        assertThat(denied(pod("p").app(container("c", "mthreads.com/vgpu", "0")).build()))
                .isEqualTo("container \"c\": mthreads.com/vgpu must be greater than 0");
        assertThat(denied(pod("p").app(container("c", "mthreads.com/vgpu", "1", "mthreads.com/sgpu-memory", "3"))
                .build())).isEqualTo("container \"c\": mthreads.com/sgpu-memory: 3 is not a Moore Threads sGPU size; "
                        + "valid sizes are [2, 4, 8, 16, 32, 64, 96]");
    }

    // MetaX sGPU

    static Pod sgpu(String... annotations) {
        return pod("p").annotate(annotations).app(container("c", "metax-tech.com/sgpu", "1")).build();
    }

    @Test
    void metaxSgpuPodsGetTheDefaultQosUnlessOnline() {
        assertThat(allowed(sgpu()).getMetadata().getAnnotations())
                .containsEntry("metax-tech.com/sgpu-qos-policy", "best-effort");
        assertThat(allowed(sgpu("metax-tech.com/sgpu-app-class", "offline")).getMetadata().getAnnotations())
                .containsEntry("metax-tech.com/sgpu-qos-policy", "best-effort");
        assertThat(allowed(sgpu("metax-tech.com/sgpu-app-class", "online")).getMetadata().getAnnotations())
                .doesNotContainKey("metax-tech.com/sgpu-qos-policy");
        assertThat(allowed(sgpu("metax-tech.com/sgpu-qos-policy", "fixed-share")).getMetadata().getAnnotations())
                .containsEntry("metax-tech.com/sgpu-qos-policy", "fixed-share");
    }

    @Test
    void metaxSgpuRefusesUnknownWordsAndAppClassPodsWithSeveralSgpus() {
        assertThat(denied(sgpu("metax-tech.com/sgpu-app-class", "batch")))
                .isEqualTo("annotation metax-tech.com/sgpu-app-class: must be online or offline: \"batch\"");
        assertThat(denied(pod("p").annotate("metax-tech.com/sgpu-app-class", "offline")
                .app(container("c", "metax-tech.com/sgpu", "2")).build()))
                .isEqualTo("container \"c\": metax-tech.com/sgpu: a pod with metax-tech.com/sgpu-app-class must ask "
                        + "for exactly 1 sGPU: 2");
        assertThat(denied(sgpu("metax-tech.com/sgpu-qos-policy", "fair")))
                .isEqualTo("annotation metax-tech.com/sgpu-qos-policy: must be one of best-effort, fixed-share, "
                        + "burst-share: \"fair\"");
    }

    // detect only

    @Test
    void cambriconHygonAndMetaxWholeGpusAreOnlyDetected() {
        for (Container c : List.of(container("c", "cambricon.com/vmlu", "1", "cambricon.com/mlu.smlu.vcore", "30"),
                container("c", "hygon.com/dcunum", "1"), container("c", "metax-tech.com/gpu", "1"))) {
            Pod p = pod("p").app(c).build();
            Pod out = allowed(p);
            assertThat(out.getSpec().getSchedulerName()).isEqualTo("hami-scheduler");
            assertThat(first(out)).isEqualTo(first(p));
            assertThat(out.getMetadata().getAnnotations()).isEqualTo(p.getMetadata().getAnnotations());
        }
    }
}
