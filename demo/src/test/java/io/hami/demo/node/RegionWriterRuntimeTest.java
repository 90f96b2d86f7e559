package io.hami.demo.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.kubelet.v1beta1.Mount;
import io.hami.model.protocol.HamiCoreView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionWriterRuntimeTest {

    @TempDir
    Path tmp;

    private static long writers() {
        return ProcessHandle.current().children()
                .filter(p -> p.isAlive() && p.info().command().map(c -> c.endsWith("region-writer")).orElse(false)).count();
    }

    /**
     * The writer dies with its parent thread (PR_SET_PDEATHSIG counts threads, not processes): a container started by a
     * pod worker whose thread, or a virtual thread's carrier, ends afterwards must keep running (it did not: an API
     * server outage long enough for the carriers to retire took the running containers' regions away).
     */
    @Test
    void aContainerStartedFromAThreadThatThenEndsKeepsRunning() throws Exception {
        var writer = NativeTools.find(NativeTools.REGION_WRITER).orElseThrow();
        var containers = tmp.resolve("containers");
        var runtime = new RegionWriterRuntime(writer, containers, 0.5);
        var hostDir = containers.resolve("uid-1_main");
        var allocation = ContainerAllocateResponse.newBuilder()
                .putEnvs("CUDA_DEVICE_MEMORY_LIMIT_0", "1000m")
                .putEnvs(HamiCoreView.SHARED_CACHE, "/usr/local/vgpu/c.cache")
                .addMounts(Mount.newBuilder().setContainerPath("/usr/local/vgpu").setHostPath(hostDir.toString()))
                .build();
        long before = writers();
        var running = new AtomicReference<ContainerRuntime.Running>();
        var failure = new AtomicReference<Throwable>();
        var starter = Thread.ofPlatform().start(() -> {
            try {
                running.set(runtime.start(new PodContainer("default", "p", "uid-1", "main"), allocation));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        starter.join();
        assertThat(failure.get()).isNull();
        try {
            Thread.sleep(500); // the parent-death signal, if any, is sent when the thread exits
            assertThat(writers()).as("region-writers alive after the starting thread ended").isEqualTo(before + 1);
            assertThat(Files.exists(hostDir.resolve("c.cache"))).isTrue();
        } finally {
            running.get().stop();
        }
    }
}
