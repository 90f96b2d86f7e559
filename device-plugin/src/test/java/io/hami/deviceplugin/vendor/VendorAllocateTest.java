package io.hami.deviceplugin.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hami.bindings.DeviceDiscoveries;
import io.hami.deviceplugin.DevicePlugin;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.deviceplugin.PluginFixture;
import io.hami.deviceplugin.Sharing;
import io.hami.deviceplugin.devices.DeviceFilter;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.model.annotation.NodeLock;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.AscendRuntimeInfoCodec;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.config.DeviceConfig;
import io.hami.model.protocol.AscendAnnotations;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.vendor.AnnotationKeys;
import io.hami.model.vendor.CapacityIds;
import io.hami.model.vendor.RegisterFormat;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.mock.VendorMock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each vendor's plugin over its C mock, registered with a kubelet stand-in over real Unix sockets and answering
 * {@code Allocate} for a pod bound as the scheduler leaves it in the mock API server: the container's variables, mounts
 * and device nodes, the pod's annotations and the node lock afterwards, against the golden file of the vendor's
 * contract (docs/vendors.md, "Device plugins").
 */
@EnableKubernetesMockClient(crud = true)
class VendorAllocateTest {
    static final String NODE = "accel-node-1";

    KubernetesClient client;

    @TempDir
    Path tmp;

    private FakeKubelet kubelet;
    private DevicePlugin plugin;
    private VendorDescriptor type;
    private List<PhysicalDevice> devices;

    @AfterEach
    void stop() throws IOException {
        if (plugin != null) {
            plugin.close();
            plugin = null;
        }
        if (kubelet != null) {
            kubelet.close();
            kubelet = null;
        }
    }

    private static VendorMock mockOf(String vendorId) {
        return VendorMock.of(VendorSelection.libraryVendor(vendorId));
    }

    /** Starts the vendor's plugin over its mock's machine and waits for each of its resources to register. */
    private void start(String vendorId) throws Exception {
        start(vendorId, Duration.ofHours(1));
    }

    private void start(String vendorId, Duration healthPoll) throws Exception {
        if (client.nodes().withName(NODE).get() == null) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build()).create();
        }
        var mock = mockOf(vendorId).library().useProfile(VendorMock.MACHINE);
        var discovery = DeviceDiscoveries.open(VendorSelection.libraryVendor(vendorId), mock.library(), sysfs());
        var profile = VendorSelection.select(vendorId, DeviceConfig.defaults(), discovery.discover());
        var parts = VendorPlugins.parts(profile, discovery, new VendorPlugins.Settings(tmp.resolve("vnpu-core"),
                healthPoll, true, hygon()));
        type = profile.descriptor();
        var pluginDir = Files.createDirectories(tmp.resolve("dp"));
        kubelet = FakeKubelet.start(pluginDir);
        var sharing = new Sharing(VendorPlugins.splitCount(profile, Optional.empty()), 1.0, 1.0, 0, "hami-core", false);
        var config = new DevicePluginConfig(NODE, pluginDir, "hami-" + vendorId + ".sock", sharing, DeviceFilter.NONE,
                false, false, Optional.empty(), PluginFixture.fastTimings());
        plugin = DevicePlugin.start(config, parts, client, Clock.systemUTC());
        kubelet.awaitRegistrations(1 + parts.slotResources().size(), PluginFixture.WAIT);
        devices = plugin.inventory().devices();
    }

    /** Where the Hygon plugin keeps its vDCUs and finds the DTK: under the test's directory. */
    private VendorPlugins.HygonSettings hygon() {
        return new VendorPlugins.HygonSettings(tmp.resolve("dtk"), tmp.resolve("vgpu/dcu"), tmp.resolve("etc-vdev"));
    }

    /** A sysfs in which the mock MetaX GPUs' PCI addresses have DRM nodes, card{@code i+1} and renderD{@code 129+i}. */
    private Path sysfs() throws IOException {
        var root = tmp.resolve("sys");
        var addresses = List.of("0000:0a:00.0", "0000:0b:00.0", "0000:8a:00.0", "0000:8b:00.0");
        for (int i = 0; i < addresses.size(); i++) {
            var drm = Files.createDirectories(root.resolve("bus/pci/devices").resolve(addresses.get(i)).resolve("drm"));
            Files.createDirectories(drm.resolve("card" + (i + 1)));
            Files.createDirectories(drm.resolve("renderD" + (129 + i)));
        }
        return root;
    }

    /** The id the scheduler writes for the node's {@code i}-th device. */
    private String allocationId(int i) {
        return type.registerFormat() == RegisterFormat.NODE_CAPACITY ? CapacityIds.id(NODE, type.vendor(), i)
                : devices.get(i).uuid();
    }

    /** A pod bound here as the scheduler leaves it: one app container with {@code value} allocated. */
    private void boundPod(String name, String toAllocate) throws Exception {
        boundPod(name, toAllocate, Map.of());
    }

    /**
     * A pod bound here as the scheduler leaves it, with the user's {@code own} annotations: one app container with
     * {@code toAllocate}; an Ascend pod also carries the runtime annotation the scheduler writes for it.
     */
    private void boundPod(String name, String toAllocate, Map<String, String> own) throws Exception {
        var annotations = new HashMap<String, String>(own);
        if (type.vendor() == io.hami.model.vendor.Vendor.ASCEND) {
            var sku = io.hami.model.config.VnpuSection.defaults().configs().stream()
                    .filter(c -> c.commonWord().equals(type.commonWord())).findFirst().orElseThrow();
            var infos = io.hami.model.device.AscendRuntimeInfos.of(PodDevicesCodec.INSTANCE.decode(toAllocate), sku,
                    AscendAnnotations.softSplit(own));
            annotations.put(AscendAnnotations.runtimeInfo(type.commonWord()), AscendRuntimeInfoCodec.INSTANCE.encode(infos));
        }
        annotations.put(HamiAnnotations.VGPU_NODE, NODE);
        annotations.put(HamiAnnotations.BIND_PHASE, BindPhase.ALLOCATING.wire());
        annotations.put(HamiAnnotations.BIND_TIME, "1765000000");
        annotations.put(type.annotations().devicesToAllocate(), toAllocate);
        annotations.put(type.annotations().devicesAllocated(), toAllocate);
        var work = new ContainerBuilder().withName("work").withImage("app").withNewResources()
                .addToLimits(type.resources().count(), new Quantity("1")).endResources().build();
        var pod = new PodBuilder().withNewMetadata().withNamespace("default").withName(name)
                .addToLabels(HamiAnnotations.VGPU_NODE, NODE).withAnnotations(annotations).endMetadata()
                .withNewSpec().withNodeName(NODE).withContainers(new ContainerBuilder().withName("sidecar").build(), work)
                .endSpec().withNewStatus().withPhase("Pending").endStatus().build();
        client.pods().inNamespace("default").resource(pod).create();
        lockFor(name);
    }

    /** Takes the node lock the scheduler takes for the vendor, if it takes one. */
    private void lockFor(String pod) {
        var key = type.annotations().nodeLock();
        if (key.isEmpty()) {
            return;
        }
        var value = key.get().equals(AnnotationKeys.HAMI_NODE_LOCK)
                ? NodeLockCodec.INSTANCE.encode(NodeLock.heldBy(OffsetDateTime.now(ZoneOffset.UTC), new PodRef("default", pod)))
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC).withNano(0));
        var patch = new NodeBuilder().withNewMetadata().addToAnnotations(key.get(), value).endMetadata().build();
        client.nodes().withName(NODE).patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
    }

    private Map<String, String> podAnnotations(String name) {
        var a = client.pods().inNamespace("default").withName(name).get().getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }

    /** {@code held}, {@code released}, or {@code none} for a vendor whose scheduler takes no lock. */
    private String nodeLock() {
        var a = client.nodes().withName(NODE).get().getMetadata().getAnnotations();
        return type.annotations().nodeLock().map(k -> a != null && a.get(k) != null ? "held" : "released").orElse("none");
    }

    private String uid(String pod) {
        return client.pods().inNamespace("default").withName(pod).get().getMetadata().getUid();
    }

    /**
     * The response, the pod's allocation state and the lock, one line each, in a stable order; the test's directory
     * reads {@code <tmp>} and the pod's UID {@code <uid>}.
     */
    private String render(AllocateResponse response, String pod) {
        var out = new ArrayList<String>();
        var container = response.getContainerResponses(0);
        new TreeMap<>(container.getEnvsMap()).forEach((k, v) -> out.add("env " + k + "=" + v));
        container.getMountsList().forEach(m -> out.add("mount " + m.getHostPath() + " -> " + m.getContainerPath()
                + (m.getReadOnly() ? " ro" : " rw")));
        container.getDevicesList().forEach(d -> out.add("device " + d.getHostPath() + " -> " + d.getContainerPath() + " "
                + d.getPermissions()));
        var annotations = podAnnotations(pod);
        new TreeMap<>(annotations).forEach((k, v) -> {
            if (!k.equals(HamiAnnotations.BIND_TIME) && !k.equals(HamiAnnotations.VGPU_NODE)
                    && !k.equals(AscendAnnotations.runtimeInfo(type.commonWord())) && !k.equals(AscendAnnotations.VNPU_MODE)) {
                out.add("pod " + k + "=" + v);
            }
        });
        out.add("node-lock " + nodeLock());
        return out.stream().collect(Collectors.joining("\n", "", "\n")).replace(tmp.toString(), "<tmp>")
                .replace(uid(pod), "<uid>");
    }

    private static String golden(String vendorId) {
        try (var in = VendorAllocateTest.class.getResourceAsStream("/allocate-golden/" + vendorId + ".txt")) {
            if (in == null) {
                return "(no golden file for " + vendorId + ")";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cambricon", "ascend", "hygon", "iluvatar", "metax-gpu", "metax-sgpu", "mthreads"})
    void allocateAnswersTheVendorsContractAndCompletesTheBind(String vendorId) throws Exception {
        start(vendorId);
        int mib = !type.sharesMemory() ? 65536 : type.memoryUnit().mib() == 1 ? 16384 : 16 * type.memoryUnit().mib();
        int cores = type.sharesMemory() ? type.coresPerDevice() / 4 : 100;
        boundPod("job", ";" + allocationId(1) + "," + type.commonWord() + "," + mib + "," + cores + ":;");

        var response = kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(3).uuid() + "-0")));

        assertThat(rendered(vendorId, render(response, "job"))).isEqualTo(golden(vendorId));
    }

    /** The rendering, also left in target/ so that a changed contract can be reviewed against the golden file. */
    private static String rendered(String name, String text) throws IOException {
        Files.writeString(Files.createDirectories(Path.of("target/allocate-golden")).resolve(name + ".txt"), text);
        return text;
    }

    @Test
    void anAscendPodInSoftSplitGetsTheSoftSplitLibraryItsQuotaAndItsOwnDirectory() throws Exception {
        start("ascend");
        boundPod("soft", ";" + allocationId(1) + ",Ascend910B3,12000,40:;",
                Map.of(AscendAnnotations.VNPU_MODE, AscendAnnotations.VNPU_MODE_HAMI_CORE));

        var response = kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0")));

        assertThat(rendered("ascend-soft", render(response, "soft"))).isEqualTo(golden("ascend-soft"));
        var own = tmp.resolve("vnpu-core/containers/" + uid("soft") + "_work");
        assertThat(Files.isDirectory(own)).isTrue();
        assertThat(Files.getPosixFilePermissions(own)).hasSize(9);
    }

    /** The names under the vDCU directory and the exporter's directory, relative to the test's directory, sorted. */
    private List<String> vdcuFiles() throws IOException {
        var out = new ArrayList<String>();
        for (var dir : List.of(hygon().vdcuDirectory(), hygon().vdevDirectory())) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    files.map(f -> tmp.relativize(f).toString()).forEach(out::add);
                }
            }
        }
        return out.stream().sorted().toList();
    }

    /** Allocates a pod bound here with one container taking {@code mib} MiB and {@code cores} % of the node's 2nd card. */
    private AllocateResponse allocateHygon(String pod, int mib, int cores) throws Exception {
        boundPod(pod, ";" + allocationId(1) + ",DCU," + mib + "," + cores + ":;");
        return kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0")));
    }

    @Test
    void aHygonContainerTakingPartOfACardGetsItsVdcuConfigurationInTwoFiles() throws Exception {
        start("hygon");

        allocateHygon("job", 16384, 25);

        var name = uid("job") + "_work_1_0_0_0000000000007fff_0000000000000000";
        assertThat(Files.readString(hygon().vdcuDirectory().resolve(name).resolve("vdev0.conf"))).isEqualTo("""
                PciBusId: 0000:16:00.0
                cu_mask: 0x0000000000007fff
                cu_mask: 0x0000000000000000
                cu_count: 15
                mem: 16384 MiB
                device_id: 0
                vdev_id: 0
                pipe_id: 0
                enable: 1
                """);
        assertThat(Files.readString(hygon().vdevDirectory().resolve("vdev0.conf"))).isEqualTo("""
                PciBusId: 0000:16:00.0
                cu_mask: 0x0000000000007fff
                cu_mask: 0x0000000000000000
                cu_count: 15
                mem: 16384 MiB
                device_id: 1
                vdev_id: 0
                pipe_id: 0
                enable: 1
                """);
    }

    @Test
    void aHygonContainerWithTheWholeCardsMemoryGetsTheWholeCard() throws Exception {
        start("hygon");

        var response = allocateHygon("job", (int) devices.get(1).memoryMiB().orElseThrow(), 50);

        assertThat(response.getContainerResponses(0).getMountsList()).extracting(m -> m.getContainerPath())
                .containsExactly("/opt/hyhal");
        assertThat(vdcuFiles()).isEmpty();
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "success");
    }

    @Test
    void aHygonAllocateThatFailsAfterWritingLeavesNoFileBehindAndFreesTheIds() throws Exception {
        start("hygon");
        Files.writeString(hygon().vdevDirectory(), "a file where the exporter's directory should be");

        assertThatThrownBy(() -> allocateHygon("job", 16384, 25))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getStatus().getDescription()).startsWith("pod default/job: container work: ");
                });
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "failed");
        assertThat(vdcuFiles()).isEmpty();

        Files.delete(hygon().vdevDirectory());
        allocateHygon("next", 16384, 25);
        assertThat(vdcuFiles()).containsExactly("etc-vdev/vdev0.conf",
                "vgpu/dcu/" + uid("next") + "_work_1_0_0_0000000000007fff_0000000000000000");
    }

    @Test
    void aRestartedHygonPluginKeepsTheVdcusOfPodsThatExistAndReleasesThoseOfPodsThatAreGone() throws Exception {
        start("hygon");
        allocateHygon("kept", 8192, 25);
        allocateHygon("gone", 8192, 25);
        var kept = uid("kept") + "_work_1_0_0_0000000000007fff_0000000000000000";
        assertThat(vdcuFiles()).containsExactlyInAnyOrder("etc-vdev/vdev0.conf", "etc-vdev/vdev1.conf",
                "vgpu/dcu/" + uid("gone") + "_work_1_1_1_000000003fff8000_0000000000000000", "vgpu/dcu/" + kept);
        client.pods().inNamespace("default").withName("gone").delete();
        stop();

        start("hygon"); // its first sweep runs at once
        awaitVdcuFiles(files -> files.size() == 2);
        allocateHygon("after", 8192, 50);

        assertThat(vdcuFiles()).containsExactlyInAnyOrder("etc-vdev/vdev0.conf", "etc-vdev/vdev1.conf",
                "vgpu/dcu/" + uid("after") + "_work_1_1_1_00001fffffff8000_0000000000000000", "vgpu/dcu/" + kept);
    }

    private void awaitVdcuFiles(java.util.function.Predicate<List<String>> done) throws Exception {
        var deadline = System.nanoTime() + PluginFixture.WAIT.toNanos();
        while (!done.test(vdcuFiles())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the vDCU files never matched: " + vdcuFiles());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void anAscendPodWithoutItsRuntimeAnnotationFailsTheBindNamingIt() throws Exception {
        start("ascend");
        boundPod("job", ";" + allocationId(1) + ",Ascend910B3,16384,0:;");
        client.pods().inNamespace("default").withName("job").edit(p -> {
            p.getMetadata().getAnnotations().remove(AscendAnnotations.runtimeInfo(type.commonWord()));
            return p;
        });

        assertThatThrownBy(() -> kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .contains("has no huawei.com/Ascend910B3 annotation"));
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "failed");
        assertThat(nodeLock()).isEqualTo("released");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cambricon", "mthreads"})
    void theSchedulersCapacityResourcesAreOfferedAsSlotsWhoseAllocateAddsNothing(String vendorId) throws Exception {
        start(vendorId);
        var cores = type.resources().cores().orElseThrow();
        var memory = type.resources().memory().orElseThrow();
        long perCardMemory = devices.getFirst().memoryMiB().orElseThrow() / type.memoryUnit().mib();

        assertThat(kubelet.awaitDevices(cores, r -> true, PluginFixture.WAIT).getDevicesCount())
                .isEqualTo(devices.size() * type.coresPerDevice());
        assertThat(kubelet.awaitDevices(memory, r -> true, PluginFixture.WAIT).getDevicesCount())
                .isEqualTo((int) (devices.size() * perCardMemory));
        var response = kubelet.allocate(cores, List.of(List.of(devices.get(2).uuid() + "-0", devices.get(2).uuid() + "-1")));
        assertThat(response.getContainerResponsesList()).hasSize(1);
        assertThat(response.getContainerResponses(0).getEnvsCount() + response.getContainerResponses(0).getDevicesCount())
                .isZero();
        assertThatThrownBy(() -> kubelet.allocate(memory, List.of(List.of("MLU-elsewhere-0"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void mooreThreadsPodsFromHamisSchedulerCarryOnlyTheAllocatedAnnotationAndStillAllocate() throws Exception {
        start("mthreads");
        boundPod("hami-job", ";" + allocationId(2) + ",Mthreads,8192,8:;");
        client.pods().inNamespace("default").withName("hami-job").edit(p -> {
            p.getMetadata().getAnnotations().remove(type.annotations().devicesToAllocate());
            return p;
        });

        var response = kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-3")));

        assertThat(response.getContainerResponses(0).getEnvsMap()).containsEntry("MTHREADS_VISIBLE_DEVICES", "2");
        assertThat(podAnnotations("hami-job")).containsEntry(type.annotations().devicesToAllocate(), ";;")
                .containsEntry(HamiAnnotations.BIND_PHASE, "success");
    }

    @Test
    void aKubeletDeviceIdThatIsNoSlotOfThisNodeIsRefusedBeforeAnythingIsWritten() throws Exception {
        start("hygon");
        boundPod("job", ";" + allocationId(0) + ",DCU,4096,25:;");

        assertThatThrownBy(() -> kubelet.allocate(type.resources().count(), List.of(List.of("DCU-OTHERNODE0001-0"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("DCU-OTHERNODE0001-0");
                });
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "allocating")
                .containsEntry(type.annotations().devicesToAllocate(), ";" + allocationId(0) + ",DCU,4096,25:;");
        assertThat(nodeLock()).isEqualTo("held");
    }

    @Test
    void anAllocationNamingADeviceThisNodeDoesNotHaveFailsTheBindAndReleasesTheLock() throws Exception {
        start("iluvatar");
        boundPod("job", ";GPU-not-on-this-node,BI-V150,4096,25:;");

        assertThatThrownBy(() -> kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("device GPU-not-on-this-node of the allocation is not a device of this node");
                });
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "failed")
                .containsEntry(type.annotations().devicesToAllocate(), ";GPU-not-on-this-node,BI-V150,4096,25:;");
        assertThat(nodeLock()).isEqualTo("released");
    }

    @Test
    void anAllocationOfAnotherVendorsTypeFailsTheBind() throws Exception {
        start("cambricon");
        boundPod("job", ";" + allocationId(0) + ",DCU,4096,100:;");

        assertThatThrownBy(() -> kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getDescription()).contains("holds a device of type DCU, not MLU"));
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "failed");
        assertThat(nodeLock()).isEqualTo("released");
    }

    private static long unhealthy(io.hami.kubelet.v1beta1.ListAndWatchResponse devices) {
        return devices.getDevicesList().stream().filter(d -> d.getHealth().equals("Unhealthy")).count();
    }

    @Test
    void anAscendFaultEventTakesTheChipOutAtOnce() throws Exception {
        start("ascend"); // the mock's machine queues a raised severity-2 fault on chip 2 for its first subscriber
        var chip2 = devices.get(2).uuid();

        var listed = kubelet.awaitDevices(type.resources().count(), r -> unhealthy(r) > 0, PluginFixture.WAIT);

        assertThat(listed.getDevicesList()).filteredOn(d -> d.getHealth().equals("Unhealthy"))
                .allMatch(d -> d.getID().startsWith(chip2 + "-")).hasSize(4);
        assertThat(plugin.inventory().isHealthy(chip2)).isFalse();
    }

    @Test
    void aLibraryThatStopsAnsweringMakesEveryDeviceUnhealthyUntilItAnswersAgain() throws Exception {
        start("mthreads", Duration.ofMillis(100));
        var resource = type.resources().count();
        var mock = mockOf("mthreads").library();

        mock.useProfile(VendorMock.FAULT_INIT);
        var lost = kubelet.awaitDevices(resource, r -> unhealthy(r) == r.getDevicesCount(), PluginFixture.WAIT);
        assertThat(lost.getDevicesCount()).isPositive();
        assertThat(kubelet.awaitDevices(type.resources().cores().orElseThrow(),
                r -> unhealthy(r) == r.getDevicesCount(), PluginFixture.WAIT).getDevicesCount()).isPositive();

        mock.useProfile(VendorMock.MACHINE);
        assertThat(unhealthy(kubelet.awaitDevices(resource, r -> unhealthy(r) == 0, PluginFixture.WAIT))).isZero();
    }

    @Test
    void anAscendTemplateTheChipDoesNotOfferFailsTheBindNamingIt() throws Exception {
        start("ascend");
        boundPod("job", ";" + allocationId(1) + ",Ascend910B3,16384,0:;");
        client.pods().inNamespace("default").withName("job").edit(p -> {
            p.getMetadata().getAnnotations().put(AscendAnnotations.runtimeInfo(type.commonWord()),
                    "[{\"UUID\":\"" + allocationId(1) + "\",\"temp\":\"vir02\",\"memory\":2184}]");
            return p;
        });

        assertThatThrownBy(() -> kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .contains("template vir02, which Ascend910B3 does not offer [vir05_1c_16g, vir10_3c_32g]"));
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "failed");
        assertThat(nodeLock()).isEqualTo("released");
    }

    @Test
    void afterAKubeletRestartEveryResourceRegistersAgain() throws Exception {
        start("cambricon");
        int before = kubelet.registrations().size();

        kubelet.restart();

        kubelet.awaitRegistrations(before + 3, PluginFixture.WAIT);
        assertThat(kubelet.registrations().subList(before, before + 3)).extracting(r -> r.getResourceName())
                .containsExactlyInAnyOrder("cambricon.com/vmlu", "cambricon.com/mlu.smlu.vcore",
                        "cambricon.com/mlu.smlu.vmemory");
        assertThat(kubelet.awaitDevices("cambricon.com/mlu.smlu.vcore", r -> r.getDevicesCount() == 400, PluginFixture.WAIT)
                .getDevicesCount()).isEqualTo(400);
    }
}
