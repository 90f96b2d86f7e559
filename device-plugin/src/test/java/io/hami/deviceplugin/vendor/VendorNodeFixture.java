package io.hami.deviceplugin.vendor;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hami.bindings.DeviceDiscoveries;
import io.hami.deviceplugin.DevicePlugin;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.deviceplugin.PluginFixture;
import io.hami.deviceplugin.PluginParts;
import io.hami.deviceplugin.Sharing;
import io.hami.deviceplugin.devices.DeviceFilter;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.model.annotation.AscendRuntimeInfoCodec;
import io.hami.model.annotation.NodeLock;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.config.DeviceConfig;
import io.hami.model.config.VnpuSection;
import io.hami.model.device.AscendRuntimeInfos;
import io.hami.model.protocol.AscendAnnotations;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.vendor.AnnotationKeys;
import io.hami.model.vendor.CapacityIds;
import io.hami.model.vendor.RegisterFormat;
import io.hami.model.vendor.Vendor;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.mock.MockLibrary;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * One node of a vendor for the plugin's tests: a Node in the mock API server, the vendor's C mock library on its
 * machine profile (MetaX's PCI addresses given DRM nodes in a sysfs of the test's own), a kubelet stand-in over real
 * Unix sockets and the vendor's plugin started against them; helpers bind pods as the scheduler leaves them and read
 * back what {@code Allocate} left on the pod and the node.
 */
abstract class VendorNodeFixture {
    static final String NODE = "accel-node-1";

    @TempDir
    Path tmp;

    FakeKubelet kubelet;
    DevicePlugin plugin;
    VendorDescriptor type;
    List<PhysicalDevice> devices;
    /** The parts the plugin was started with. */
    PluginParts parts;

    /** The mock API server's client, which each test class is given. */
    abstract KubernetesClient client();

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

    static VendorMock mockOf(String vendorId) {
        return VendorMock.of(VendorSelection.libraryVendor(vendorId));
    }

    /** Starts the vendor's plugin over its mock's machine and waits for each of its resources to register. */
    void start(String vendorId) throws Exception {
        start(vendorId, Duration.ofHours(1));
    }

    void start(String vendorId, Duration healthPoll) throws Exception {
        start(vendorId, healthPoll, mockOf(vendorId).library().useProfile(VendorMock.MACHINE));
    }

    /**
     * Starts the vendor's plugin again over the machine its mock holds now, as after a restart of the plugin alone
     * (what a vendor's driver keeps, such as Cambricon's sMLU instances, is kept).
     */
    void restart(String vendorId) throws Exception {
        start(vendorId, Duration.ofHours(1), mockOf(vendorId).library());
    }

    private void start(String vendorId, Duration healthPoll, MockLibrary mock) throws Exception {
        if (client().nodes().withName(NODE).get() == null) {
            client().nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build()).create();
        }
        var discovery = DeviceDiscoveries.open(VendorSelection.libraryVendor(vendorId), mock.library(), sysfs());
        var profile = VendorSelection.select(vendorId, DeviceConfig.defaults(), discovery.discover());
        parts = VendorPlugins.parts(profile, discovery, new VendorPlugins.Settings(tmp.resolve("vnpu-core"),
                healthPoll, true, hygon()));
        type = profile.descriptor();
        var pluginDir = Files.createDirectories(tmp.resolve("dp"));
        kubelet = FakeKubelet.start(pluginDir);
        var sharing = new Sharing(VendorPlugins.splitCount(profile, Optional.empty()), 1.0, 1.0, 0, "hami-core", false);
        var config = new DevicePluginConfig(NODE, pluginDir, "hami-" + vendorId + ".sock", sharing, DeviceFilter.NONE,
                false, false, Optional.empty(), PluginFixture.fastTimings());
        plugin = DevicePlugin.start(config, parts, client(), Clock.systemUTC());
        kubelet.awaitRegistrations(1 + parts.slotResources().size(), PluginFixture.WAIT);
        devices = plugin.inventory().devices();
    }

    /** Where the Hygon plugin keeps its vDCUs and finds the DTK: under the test's directory. */
    VendorPlugins.HygonSettings hygon() {
        return new VendorPlugins.HygonSettings(tmp.resolve("dtk"), tmp.resolve("vgpu/dcu"), tmp.resolve("etc-vdev"));
    }

    /** A sysfs in which the mock MetaX GPUs' PCI addresses have DRM nodes, card{@code i+1} and renderD{@code 129+i}. */
    Path sysfs() throws IOException {
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
    String allocationId(int i) {
        return type.registerFormat() == RegisterFormat.NODE_CAPACITY ? CapacityIds.id(NODE, type.vendor(), i)
                : devices.get(i).uuid();
    }

    /** A pod bound here as the scheduler leaves it: one app container with {@code value} allocated. */
    void boundPod(String name, String toAllocate) throws Exception {
        boundPod(name, toAllocate, Map.of());
    }

    /**
     * A pod bound here as the scheduler leaves it, with the user's {@code own} annotations: one app container with
     * {@code toAllocate}; an Ascend pod also carries the runtime annotation the scheduler writes for it.
     */
    void boundPod(String name, String toAllocate, Map<String, String> own) throws Exception {
        var annotations = new HashMap<String, String>(own);
        if (type.vendor() == Vendor.ASCEND) {
            var sku = VnpuSection.defaults().configs().stream()
                    .filter(c -> c.commonWord().equals(type.commonWord())).findFirst().orElseThrow();
            var infos = AscendRuntimeInfos.of(PodDevicesCodec.INSTANCE.decode(toAllocate), sku,
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
        client().pods().inNamespace("default").resource(pod).create();
        lockFor(name);
    }

    /** Takes the node lock the scheduler takes for the vendor, if it takes one. */
    void lockFor(String pod) {
        var key = type.annotations().nodeLock();
        if (key.isEmpty()) {
            return;
        }
        var value = key.get().equals(AnnotationKeys.HAMI_NODE_LOCK)
                ? NodeLockCodec.INSTANCE.encode(NodeLock.heldBy(OffsetDateTime.now(ZoneOffset.UTC), new PodRef("default", pod)))
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC).withNano(0));
        var patch = new NodeBuilder().withNewMetadata().addToAnnotations(key.get(), value).endMetadata().build();
        client().nodes().withName(NODE).patch(PatchContext.of(PatchType.JSON_MERGE), client().getKubernetesSerialization().asJson(patch));
    }

    Map<String, String> podAnnotations(String name) {
        var a = client().pods().inNamespace("default").withName(name).get().getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }

    /** {@code held}, {@code released}, or {@code none} for a vendor whose scheduler takes no lock. */
    String nodeLock() {
        var a = client().nodes().withName(NODE).get().getMetadata().getAnnotations();
        return type.annotations().nodeLock().map(k -> a != null && a.get(k) != null ? "held" : "released").orElse("none");
    }

    String uid(String pod) {
        return client().pods().inNamespace("default").withName(pod).get().getMetadata().getUid();
    }

    /**
     * The response, the pod's allocation state and the lock, one line each, in a stable order; the test's directory
     * reads {@code <tmp>} and the pod's UID {@code <uid>}.
     */
    String render(AllocateResponse response, String pod) {
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

    static String golden(String vendorId) {
        try (var in = VendorAllocateTest.class.getResourceAsStream("/allocate-golden/" + vendorId + ".txt")) {
            if (in == null) {
                return "(no golden file for " + vendorId + ")";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rendering, also left in target/ so that a changed contract can be reviewed against the golden file. */
    static String rendered(String name, String text) throws IOException {
        Files.writeString(Files.createDirectories(Path.of("target/allocate-golden")).resolve(name + ".txt"), text);
        return text;
    }
}
