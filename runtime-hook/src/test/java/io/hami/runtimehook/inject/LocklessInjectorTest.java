package io.hami.runtimehook.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.protocol.HamiCoreOptions;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.protocol.HamiCoreView;
import io.hami.model.store.AllocationStore;
import io.hami.model.store.PodAllocation;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.TestNode;
import io.hami.runtimehook.oci.RuntimeSpec;
import io.hami.testfixtures.oci.OciBundles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shim in lockless mode: a container's limits, devices and mounts from the allocation store. */
class LocklessInjectorTest {
    private static final String CACHE_ID = "9b1c0000-0000-4000-8000-000000000001";
    private static final String GPU = TestNode.GPUS.get(2);
    /** The device plugin's settings as its records carry them: HAMi's chart defaults. */
    private static final HamiCoreOptions CORE = HamiCoreSettings.chartDefaults().options();

    @TempDir
    Path dir;
    TestNode node;
    AllocationStore store;
    /** A clock that moves only when the injector pauses; each pause can run a step (the plugin writing). */
    final AtomicLong now = new AtomicLong();
    Runnable duringPause = () -> { };
    Injector injector;

    @BeforeEach
    void node() throws Exception {
        node = TestNode.create(dir);
        store = AllocationStore.under(Path.of(node.vgpu()));
        var records = new AllocationRecords(store, Duration.ofSeconds(20), now::get, d -> {
            now.addAndGet(d.toNanos());
            duringPause.run();
        });
        injector = new Injector(node.config(), TestNode.resolver(), node.nodes(), () -> CACHE_ID, records);
    }

    private static RuntimeSpec lockless(String count, Map<String, String> annotations, String... imageEnv) throws HookException {
        var env = new java.util.ArrayList<>(List.of(imageEnv));
        env.add(AllocationStore.LOCKLESS_DEVICES_ENV + "=" + count);
        var config = OciBundles.config(List.of("sh"), env, annotations);
        return RuntimeSpec.read(config.toString().getBytes(StandardCharsets.UTF_8), "config.json");
    }

    private void record(String container, ContainerDevices devices) throws Exception {
        var containers = new LinkedHashMap<String, ContainerDevices>();
        containers.put(container, devices);
        store.write(new PodAllocation("default", "trainer-0", TestNode.POD_UID, containers, CORE));
    }

    private static ContainerDevices one(String uuid) {
        return ContainerDevices.of(new ContainerDevice(uuid, "NVIDIA", 3000, 30));
    }

    @Test
    void givesALocklessContainerItsRecordsLimitsGpuMountsAndHook() throws Exception {
        record("cuda", one(GPU));
        var spec = lockless("1", TestNode.CONTAINERD, "NVIDIA_VISIBLE_DEVICES=all");

        var plan = injector.plan(spec).orElseThrow();
        assertThat(plan.env()).containsEntry("NVIDIA_VISIBLE_DEVICES", GPU).containsEntry("CUDA_DEVICE_MEMORY_LIMIT_0", "3000m")
                .containsEntry("CUDA_DEVICE_SM_LIMIT", "30")
                .containsEntry("CUDA_DEVICE_MEMORY_SHARED_CACHE", node.vgpu() + "/" + CACHE_ID + ".cache");
        assertThat(plan.devices()).extracting(Object::toString).first().isEqualTo("/dev/nvidia2 (c 195:2)");
        assertThat(plan.mounts()).hasSize(4);
        assertThat(plan.hook()).isPresent();

        Injector.apply(spec, plan);
        // the image's own NVIDIA_VISIBLE_DEVICES=all is replaced, not left in front of ours
        assertThat(spec.process().orElseThrow().env()).filteredOn(e -> e.startsWith("NVIDIA_VISIBLE_DEVICES="))
                .containsExactly("NVIDIA_VISIBLE_DEVICES=" + GPU);
        assertThat(injector.plan(spec).orElseThrow().env()).containsEntry("CUDA_DEVICE_MEMORY_SHARED_CACHE",
                node.vgpu() + "/" + CACHE_ID + ".cache");
    }

    @Test
    void givesALocklessContainerThePluginsOptionalVariablesFromTheRecordAsLockModeAllocateWould() throws Exception {
        // the shim's own runtime.conf sets none of them; the plugin's settings are the source, whatever they are
        assertThat(node.config().settings().options()).isEqualTo(new HamiCoreOptions(false, Optional.empty(), false));
        var plugin = new HamiCoreSettings(node.config().settings().hookPath(), "/opt/vgpu/libvgpu.so.v2", true, Optional.of(3), true);
        store.write(new PodAllocation("default", "trainer-0", TestNode.POD_UID, Map.of("cuda", one(GPU)), plugin.options()));

        var plan = injector.plan(lockless("1", TestNode.CONTAINERD)).orElseThrow();

        // exactly what lock-mode Allocate computes from the plugin's settings for the same entry and region file
        var cache = node.vgpu() + "/" + CACHE_ID + ".cache";
        assertThat(plan.env()).containsExactlyEntriesOf(HamiCoreView.env(one(GPU), plugin, cache))
                .containsEntry("CUDA_OVERSUBSCRIBE", "true").containsEntry("LIBCUDA_LOG_LEVEL", "3")
                .containsEntry("GPU_CORE_UTILIZATION_POLICY", "disable");

        store.write(new PodAllocation("default", "trainer-0", TestNode.POD_UID, Map.of("cuda", one(GPU)),
                new HamiCoreOptions(false, Optional.empty(), false)));
        assertThat(injector.plan(lockless("1", TestNode.CONTAINERD)).orElseThrow().env())
                .doesNotContainKeys("CUDA_OVERSUBSCRIBE", "LIBCUDA_LOG_LEVEL", "GPU_CORE_UTILIZATION_POLICY");
    }

    @Test
    void refusesARecordOfAnOlderPluginThatCarriesNoHamiCoreSettingsAtOnce() throws Exception {
        Files.createDirectories(store.directory());
        var file = store.fileOf(TestNode.POD_UID);
        Files.writeString(file, "{\"version\":1,\"namespace\":\"default\",\"name\":\"trainer-0\",\"uid\":\""
                + TestNode.POD_UID + "\",\"containers\":{\"cuda\":\"" + GPU + ",NVIDIA,3000,30:;\"}}");
        assertThatThrownBy(() -> injector.plan(lockless("1", TestNode.CONTAINERD))).isInstanceOf(HookException.class)
                .hasMessage("pod default/trainer-0/cuda: allocation record unusable: " + file + ": damaged allocation record:"
                        + " written in format version 1, which records no HAMi-core settings (an older device plugin wrote"
                        + " it; a plugin of version 2 rewrites it)");
        assertThat(now.get()).isZero();
    }

    @Test
    void waitsForARecordThePluginWritesAfterKubeletCreatedTheContainer() throws Exception {
        duringPause = () -> {
            if (now.get() >= Duration.ofSeconds(2).toNanos() && !Files.exists(store.fileOf(TestNode.POD_UID))) {
                try {
                    record("cuda", one(GPU));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        };
        assertThat(injector.plan(lockless("1", TestNode.CONTAINERD)).orElseThrow().env())
                .containsEntry("NVIDIA_VISIBLE_DEVICES", GPU);
    }

    @Test
    void failsWithOneLineWhenNoRecordComesWithinTheWait() {
        // also the case of a pod deleted meanwhile: the plugin removed its record, or never wrote one
        assertThatThrownBy(() -> injector.plan(lockless("1", TestNode.CONTAINERD))).isInstanceOf(HookException.class)
                .hasMessage("pod default/trainer-0/cuda (uid " + TestNode.POD_UID + "): no allocation record in "
                        + store.directory() + " after 20s: the device plugin has not written one (is it running with"
                        + " --lockless? is the pod gone?)");
        assertThat(now.get()).isGreaterThanOrEqualTo(Duration.ofSeconds(20).toNanos());
    }

    @Test
    void givesEachContainerOfAPodItsOwnEntryInitContainersToo() throws Exception {
        var containers = new LinkedHashMap<String, ContainerDevices>();
        containers.put("init", one(TestNode.GPUS.get(0)));
        containers.put("cuda", ContainerDevices.of(new ContainerDevice(TestNode.GPUS.get(1), "NVIDIA", 1000, 10),
                new ContainerDevice(TestNode.GPUS.get(3), "NVIDIA", 2000, 10)));
        store.write(new PodAllocation("default", "trainer-0", TestNode.POD_UID, containers, CORE));
        var init = new HashMap<>(TestNode.CONTAINERD);
        init.put("io.kubernetes.cri.container-name", "init");

        assertThat(injector.plan(lockless("1", init)).orElseThrow().env())
                .containsEntry("NVIDIA_VISIBLE_DEVICES", TestNode.GPUS.get(0));
        var app = injector.plan(lockless("2", TestNode.CONTAINERD)).orElseThrow();
        assertThat(app.env()).containsEntry("NVIDIA_VISIBLE_DEVICES", TestNode.GPUS.get(1) + "," + TestNode.GPUS.get(3))
                .containsEntry("CUDA_DEVICE_MEMORY_LIMIT_1", "2000m");
        assertThat(app.hostContainerDir().getFileName().toString()).isEqualTo(TestNode.POD_UID + "_cuda");
    }

    @Test
    void refusesAContainerTheRecordDoesNotListOrGivesAnotherDeviceCount() throws Exception {
        record("other", one(GPU));
        assertThatThrownBy(() -> injector.plan(lockless("1", TestNode.CONTAINERD))).isInstanceOf(HookException.class)
                .hasMessageContaining("gives container cuda no device, but kubelet handed it 1");
        record("cuda", one(GPU));
        assertThatThrownBy(() -> injector.plan(lockless("2", TestNode.CONTAINERD))).isInstanceOf(HookException.class)
                .hasMessageContaining("gives container cuda 1 device(s), kubelet handed it 2");
    }

    @Test
    void refusesADamagedOrNewerRecordAtOnce() throws Exception {
        record("cuda", one(GPU));
        var file = store.fileOf(TestNode.POD_UID);
        Files.writeString(file, Files.readString(file).replace("\"version\":2", "\"version\":7"));
        assertThatThrownBy(() -> injector.plan(lockless("1", TestNode.CONTAINERD))).isInstanceOf(HookException.class)
                .hasMessage("pod default/trainer-0/cuda: allocation record unusable: " + file
                        + ": written in format version 7, newer than this reader's 2 (a newer hami wrote it; upgrade this one)");
        Files.writeString(file, "{\"version\":1,");
        assertThatThrownBy(() -> injector.plan(lockless("1", TestNode.CONTAINERD))).isInstanceOf(HookException.class)
                .hasMessageStartingWith("pod default/trainer-0/cuda: allocation record unusable: " + file + ": damaged allocation record: ");
        assertThat(now.get()).isZero();
    }

    @Test
    void refusesABadDeviceCountOrAMissingPodIdentity() {
        for (var bad : List.of("0", "17", "01", "x", "")) {
            assertThatThrownBy(() -> injector.plan(lockless(bad, TestNode.CONTAINERD))).as(bad).isInstanceOf(HookException.class)
                    .hasMessageStartingWith("process.env: HAMI_LOCKLESS_DEVICES: expected a device count 1..16");
        }
        assertThatThrownBy(() -> injector.plan(lockless("1", Map.of()))).isInstanceOf(HookException.class)
                .hasMessageStartingWith("annotations: the container has a lockless allocation but no pod identity");
    }
}
