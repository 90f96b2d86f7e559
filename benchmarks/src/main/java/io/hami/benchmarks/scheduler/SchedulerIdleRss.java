package io.hami.benchmarks.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.benchmarks.cluster.DaemonProcess;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.demo.cluster.DemoCluster;
import io.hami.demo.cluster.Fixtures;
import io.hami.demo.cluster.NodeSpec;
import io.hami.demo.process.HamiLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The resident memory of an idle {@code hami scheduler} on the demo's cluster: the embedded API server, the demo's
 * three default nodes ({@code hami node} each) and the kube-scheduler stand-in, as {@code hami demo} runs them; the
 * scheduler in a process of its own with the given JVM flags (default: the demo's), which the nodes' processes get
 * too. Once it is ready, the harness
 * places {@value #PODS} one-GPU pods through the webhook, filter and bind (so the scheduler has loaded the code it
 * serves with), waits until they run, then idles {@code idle} seconds and prints the scheduler's {@code VmRSS} and
 * {@code VmHWM} from {@code /proc/<pid>/status}.
 *
 * <p>Run from the repository root (see {@code scripts/perf/scheduler-rss.sh}):
 * {@code java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar
 * io.hami.benchmarks.scheduler.SchedulerIdleRss cli/target/hami-cli.jar [idle seconds] [JVM flags...]}; with
 * {@code -XX:NativeMemoryTracking=summary} among the flags it also prints the JVM's own account.
 */
public final class SchedulerIdleRss {

    static final int PODS = 6;

    private SchedulerIdleRss() {
    }

    public static void main(String[] args) throws Exception {
        var jar = Path.of(args.length > 0 ? args[0] : "cli/target/hami-cli.jar");
        int idle = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        var demo = HamiLauncher.jar(jar);
        var jvmFlags = args.length > 2 ? List.of(args).subList(2, args.length) : demo.jvmFlags();
        var flags = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        flags.addAll(jvmFlags);
        var launcher = new HamiLauncher(demo.java(), flags, demo.classPath(), demo.mainClass());
        var work = Files.createTempDirectory("hami-scheduler-rss");
        // A loaded machine starts four JVMs slowly: five minutes rather than the demo's two.
        var settings = DemoCluster.Settings.of(work, launcher, Fixtures.inCheckout(Path.of("")), NodeSpec.defaults(3))
                .withStartTimeout(Duration.ofMinutes(5));
        try (var cluster = DemoCluster.start(EmbeddedApiServer.start(work.resolve("api"), 0), settings)) {
            var pods = new ArrayList<Pod>();
            for (int i = 0; i < PODS; i++) {
                pods.add(pod("idle-" + i));
            }
            cluster.submit(pods, "default");
            cluster.awaitSettled(Duration.ofMinutes(3));
            System.out.printf("hami scheduler (%s) placed %d pods on %d nodes; idling %d s%n", String.join(" ", jvmFlags),
                    PODS, cluster.nodes().size(), idle);
            Thread.sleep(Duration.ofSeconds(idle)); // the point of the measurement: nothing happens
            long pid = cluster.scheduler().pid();
            DaemonProcess.printMemory(pid);
            if (jvmFlags.stream().anyMatch(f -> f.startsWith("-XX:NativeMemoryTracking="))) {
                DaemonProcess.printNativeMemory(pid);
            }
        }
    }

    static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().addNewContainer()
                .withName("main").withImage("busybox").withNewResources()
                .addToLimits("nvidia.com/gpu", new Quantity("1")).addToLimits("nvidia.com/gpumem", new Quantity("1024"))
                .endResources().endContainer().endSpec().build();
    }
}
