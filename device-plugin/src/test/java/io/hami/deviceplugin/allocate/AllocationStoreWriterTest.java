package io.hami.deviceplugin.allocate;

import static io.hami.deviceplugin.PluginFixture.lean;
import static io.hami.deviceplugin.allocate.Pods.UID;
import static io.hami.deviceplugin.allocate.Pods.gpu;
import static io.hami.deviceplugin.allocate.Pods.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hami.deviceplugin.PluginFixture;
import io.hami.model.annotation.PodRef;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.protocol.HamiCoreOptions;
import io.hami.model.store.AllocationStore;
import io.hami.model.store.PodAllocation;
import io.hami.model.wire.WireFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllocationStoreWriterTest {
    private static final String NODE = PluginFixture.NODE;
    private static final HamiCoreOptions CORE = new HamiCoreOptions(true, Optional.of(3), true);
    private static final String OTHER_UID = "1f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    @TempDir
    Path vgpu;

    private static Pod bound(Pod pod) {
        return new PodBuilder(pod).editSpec().withNodeName(NODE).endSpec().build();
    }

    private static ContainerDevices one(String uuid, int mem) {
        return ContainerDevices.of(new ContainerDevice(uuid, "NVIDIA", mem, 30));
    }

    @Test
    void recordsEachGpuContainerOfABoundPodByName() throws WireFormatException {
        var pod = bound(Pods.apiPod(List.of(gpu("init", 1)), List.of(plain("sidecar"), gpu("cuda", 1)),
                "GPU-a,NVIDIA,1000,30:;;GPU-b,NVIDIA,3000,30:;"));

        var record = AllocationStoreWriter.recordOf(lean(pod), PluginFixture.NVIDIA, NODE, CORE).orElseThrow();

        assertThat(record.namespace()).isEqualTo("ns");
        assertThat(record.uid()).isEqualTo(UID);
        assertThat(record.containers()).containsExactly(Map.entry("init", one("GPU-a", 1000)), Map.entry("cuda", one("GPU-b", 3000)));
    }

    @Test
    void recordsHamisShiftedEncodingUnderTheRightContainer() throws WireFormatException {
        var pod = bound(Pods.apiPod(List.of(plain("init")), List.of(gpu("app", 1)), "GPU-a,NVIDIA,1000,30:;"));
        assertThat(AllocationStoreWriter.recordOf(lean(pod), PluginFixture.NVIDIA, NODE, CORE).orElseThrow().containers())
                .containsOnlyKeys("app");
    }

    @Test
    void recordsNothingForAPodNotBoundHereFinishedOrWithoutDevices() throws WireFormatException {
        var unbound = Pods.apiPod(List.of(), List.of(gpu("cuda", 1)), "GPU-a,NVIDIA,1000,30:;");
        var elsewhere = new PodBuilder(unbound).editSpec().withNodeName("other").endSpec().build();
        var finished = new PodBuilder(bound(unbound)).withNewStatus().withPhase("Succeeded").endStatus().build();
        var none = bound(Pods.apiPod(List.of(), List.of(plain("web")), null));
        for (var pod : List.of(unbound, elsewhere, finished, none)) {
            assertThat(AllocationStoreWriter.recordOf(lean(pod), PluginFixture.NVIDIA, NODE, CORE)).isEmpty();
        }
    }

    @Test
    void refusesAnAllocationThatMatchesNoContainer() {
        var pod = bound(Pods.apiPod(List.of(), List.of(plain("web"), plain("db")), "GPU-a,NVIDIA,1000,30:;;"));
        assertThatThrownBy(() -> AllocationStoreWriter.recordOf(lean(pod), PluginFixture.NVIDIA, NODE, CORE))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("matches no container that requests nvidia.com/gpu");
    }

    @Test
    void writesABoundPodOnceRemovesItWhenDeletedAndReleasesItsLockOnce() throws Exception {
        var store = AllocationStore.under(vgpu);
        var released = new ArrayList<PodRef>();
        var writer = new AllocationStoreWriter(new LocklessStore(store, CORE), PluginFixture.NVIDIA, NODE, released::add, Runnable::run);
        var pod = bound(Pods.apiPod(List.of(), List.of(gpu("cuda", 1)), "GPU-a,NVIDIA,1000,30:;"));

        writer.onAdd(lean(pod));
        writer.onUpdate(lean(pod), lean(pod));

        assertThat(store.read(UID)).contains(new PodAllocation("ns", "p", UID, Map.of("cuda", one("GPU-a", 1000)), CORE));
        assertThat(released).containsExactly(new PodRef("ns", "p"));

        writer.onDelete(lean(pod), false);
        assertThat(store.read(UID)).isEmpty();
    }

    @Test
    void aRestartedWriterKeepsTheRecordsOfLivePodsAndPrunesThoseOfPodsGoneMeanwhile() throws Exception {
        var store = AllocationStore.under(vgpu);
        var pod = bound(Pods.apiPod(List.of(), List.of(gpu("cuda", 1)), "GPU-a,NVIDIA,1000,30:;"));
        var gone = new PodBuilder(pod).editMetadata().withName("gone").withUid(OTHER_UID).endMetadata().build();
        var before = new AllocationStoreWriter(new LocklessStore(store, CORE), PluginFixture.NVIDIA, NODE, ref -> { }, Runnable::run);
        before.onAdd(lean(pod));
        before.onAdd(lean(gone));
        var written = Files.getLastModifiedTime(store.fileOf(UID));

        var released = new ArrayList<PodRef>();
        var after = new AllocationStoreWriter(new LocklessStore(store, CORE), PluginFixture.NVIDIA, NODE, released::add, Runnable::run);
        after.onAdd(lean(pod));
        after.prune(List.of(lean(pod)));

        assertThat(store.uids()).containsExactly(UID);
        assertThat(Files.getLastModifiedTime(store.fileOf(UID))).isEqualTo(written);
        assertThat(released).isEmpty();
    }

    @Test
    void aWriterRestartedWithOtherHamiCoreSettingsRewritesTheRecordsWithThem() throws Exception {
        var store = AllocationStore.under(vgpu);
        var pod = bound(Pods.apiPod(List.of(), List.of(gpu("cuda", 1)), "GPU-a,NVIDIA,1000,30:;"));
        new AllocationStoreWriter(new LocklessStore(store, CORE), PluginFixture.NVIDIA, NODE, ref -> { }, Runnable::run).onAdd(lean(pod));

        var changed = new HamiCoreOptions(false, Optional.empty(), false);
        new AllocationStoreWriter(new LocklessStore(store, changed), PluginFixture.NVIDIA, NODE, ref -> { }, Runnable::run).onAdd(lean(pod));

        assertThat(store.read(UID).orElseThrow().hamiCore()).isEqualTo(changed);
    }

    @Test
    void aRecordOfTheFormerFormatVersionIsRewrittenWithTheHamiCoreOptions() throws Exception {
        var store = AllocationStore.under(vgpu);
        var pod = bound(Pods.apiPod(List.of(), List.of(gpu("cuda", 1)), "GPU-a,NVIDIA,1000,30:;"));
        Files.createDirectories(store.directory());
        Files.writeString(store.fileOf(UID), "{\"version\":1,\"namespace\":\"ns\",\"name\":\"p\",\"uid\":\"" + UID
                + "\",\"containers\":{\"cuda\":\"GPU-a,NVIDIA,1000,30:;\"}}");

        new AllocationStoreWriter(new LocklessStore(store, CORE), PluginFixture.NVIDIA, NODE, ref -> { }, Runnable::run).onAdd(lean(pod));

        assertThat(store.read(UID)).contains(new PodAllocation("ns", "p", UID, Map.of("cuda", one("GPU-a", 1000)), CORE));
    }

    @Test
    void aDamagedRecordIsRewrittenFromThePod() throws Exception {
        var store = AllocationStore.under(vgpu);
        var pod = bound(Pods.apiPod(List.of(), List.of(gpu("cuda", 1)), "GPU-a,NVIDIA,1000,30:;"));
        Files.createDirectories(store.directory());
        Files.writeString(store.fileOf(UID), "{\"vers");

        new AllocationStoreWriter(new LocklessStore(store, CORE), PluginFixture.NVIDIA, NODE, ref -> { }, Runnable::run).onAdd(lean(pod));

        assertThat(store.read(UID)).isPresent();
    }

    @Test
    void countsAPodWhoseAllocationCannotBeReadAndWritesNothing() throws Exception {
        var store = AllocationStore.under(vgpu);
        var writer = new AllocationStoreWriter(new LocklessStore(store, CORE), PluginFixture.NVIDIA, NODE, ref -> { }, Runnable::run);
        writer.onAdd(lean(bound(Pods.apiPod(List.of(), List.of(gpu("cuda", 1)), "GPU-a,NVIDIA,x,30:;"))));
        assertThat(writer.unreadable()).isEqualTo(1);
        assertThat(store.uids()).isEmpty();
    }

    @Test
    void writesOffTheInformersThreadAndAPendingWriteOfOnePodHoldsUpNoOtherPods() throws Exception {
        var store = AllocationStore.under(vgpu);
        var tasks = new ArrayList<Runnable>(); // the executor: runs what the test runs, when it runs it
        var writer = new AllocationStoreWriter(new LocklessStore(store, CORE), PluginFixture.NVIDIA, NODE, ref -> { }, tasks::add);
        var first = bound(Pods.apiPod(List.of(), List.of(gpu("cuda", 1)), "GPU-a,NVIDIA,1000,30:;"));
        var second = new PodBuilder(first).editMetadata().withName("second").withUid(OTHER_UID).endMetadata().build();

        writer.onAdd(lean(first));
        writer.onAdd(lean(second));
        assertThat(store.uids()).as("nothing is synced on the informer's thread").isEmpty();
        assertThat(tasks).hasSize(2);

        tasks.get(1).run(); // the first pod's write has not run yet
        assertThat(store.uids()).containsExactly(OTHER_UID);
    }

    @Test
    void aPodsRemovalRunsAfterItsWriteStillPending() throws Exception {
        var store = AllocationStore.under(vgpu);
        var tasks = new ArrayList<Runnable>();
        var writer = new AllocationStoreWriter(new LocklessStore(store, CORE), PluginFixture.NVIDIA, NODE, ref -> { }, tasks::add);
        var pod = bound(Pods.apiPod(List.of(), List.of(gpu("cuda", 1)), "GPU-a,NVIDIA,1000,30:;"));

        writer.onAdd(lean(pod));
        writer.onDelete(lean(pod), false);
        assertThat(tasks).as("the removal waits for the write").hasSize(1);

        tasks.get(0).run();
        assertThat(store.uids()).containsExactly(UID);
        assertThat(tasks).hasSize(2);
        tasks.get(1).run();
        assertThat(store.uids()).as("no record outlives its deleted pod").isEmpty();
    }
}
