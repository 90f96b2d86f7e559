package io.hami.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.demo.api.ApiServer;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.demo.cluster.DemoCluster;
import io.hami.demo.cluster.Fixtures;
import io.hami.demo.cluster.NodeProcess;
import io.hami.demo.cluster.NodeSpec;
import io.hami.demo.process.HamiLauncher;
import io.hami.demo.race.AllocationAudit;
import io.hami.demo.scheduling.PodRecord;
import io.hami.demo.workload.Workloads;
import io.hami.model.vendor.AnnotationKeys;
import io.hami.testfixtures.net.OutageProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server stopped and restarted under running daemons (docs/reliability.md, "API server outage"): the demo's
 * real scheduler and a {@code hami node} (device plugin, monitor and the node's kubelet stand-in) as child processes
 * reach fabric8's mock API server through an {@link OutageProxy}; after a first set of pods ran, a second set is
 * submitted and the proxy at once refuses every connection for {@code hami.faults.outageSeconds} (60 s by default),
 * then accepts again, the server's state intact as after a restart. The harness's own client (the kube-scheduler
 * stand-in and the checks) goes around the proxy, so binds keep being tried, and failing, through the outage.
 *
 * <p>Proven: no daemon exits; every pod of all three sets (the third submitted after the restart, so only informers
 * that recovered can place and start it) runs with exactly its allocation and no device over-committed
 * ({@link AllocationAudit}); no node lock is left; each monitor reports every running container again.
 */
class ApiServerOutageIT {

    private static final int OUTAGE_SECONDS = Integer.getInteger("hami.faults.outageSeconds", 60);
    private static final int PODS_PER_SET = 3;
    /**
     * How long each set submitted around the outage may take to settle: whether the informers recovered at all, not
     * how fast (the test prints that). After the restart each daemon's informer tries again only when its backoff,
     * grown through the outage, next lets it (fabric8 waits up to 32 s between tries), and the three pods of a set
     * pass the node lock one at a time, each released only once the node's kubelet has seen its binding and called
     * {@code Allocate}; on a two-core machine running another demo IT beside this one, that took longer than 60 s.
     */
    private static final Duration SETTLE_AFTER_OUTAGE = Duration.ofSeconds(180);

    @TempDir
    Path work;

    /** fabric8's mock server behind the proxy: the processes get the proxy's URL, the harness the server's own. */
    private record ProxiedApi(EmbeddedApiServer server, OutageProxy proxy, Path kubeconfig) implements ApiServer {
        static ProxiedApi start(Path dir) throws IOException {
            var server = EmbeddedApiServer.start(dir, 0);
            var proxy = OutageProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    URI.create(server.url()).getPort()));
            var kubeconfig = Files.writeString(dir.resolve("kubeconfig-through-proxy"),
                    EmbeddedApiServer.kubeconfigText("https://127.0.0.1:" + proxy.port() + "/"));
            return new ProxiedApi(server, proxy, kubeconfig);
        }

        @Override
        public KubernetesClient client() {
            return server.client();
        }

        @Override
        public void close() {
            proxy.close();
            server.close();
        }
    }

    private static List<Pod> pods(String set) throws IOException {
        var yaml = new StringBuilder();
        for (int i = 0; i < PODS_PER_SET; i++) {
            yaml.append("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: %s-%d}
                    spec:
                      containers:
                      - name: main
                        image: busybox
                        resources: {limits: {nvidia.com/gpu: 1, nvidia.com/gpumem: 3000, nvidia.com/gpucores: 10}}
                    ---
                    """.formatted(set, i));
        }
        return Workloads.parse(yaml.toString(), set);
    }

    /**
     * {@link DemoCluster#awaitSettled}; on a timeout the error also carries the end of each daemon's log (the
     * pod states alone do not say which informer or lock held them), and the work directory, which JUnit keeps for a
     * failed test (src/test/resources/junit-platform.properties).
     */
    private void awaitSettled(DemoCluster cluster, Duration timeout, String what)
            throws TimeoutException, InterruptedException {
        try {
            cluster.awaitSettled(timeout);
        } catch (TimeoutException e) {
            var message = new StringBuilder(what + ": " + e.getMessage() + "\nwork directory " + work
                    + "\nthe scheduler's log ends with:\n" + tail(cluster.scheduler().process().log()));
            for (NodeProcess node : cluster.nodes()) {
                message.append("\nnode ").append(node.spec().name()).append("'s log ends with:\n")
                        .append(tail(work.resolve("logs").resolve(node.spec().name() + ".log")));
            }
            var detailed = new TimeoutException(message.toString());
            detailed.initCause(e);
            throw detailed;
        }
    }

    /** The last lines of a daemon's log without the stack frames. */
    private static String tail(Path log) {
        try (var lines = Files.lines(log)) {
            var kept = lines.filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... ")).toList();
            return String.join("\n", kept.subList(Math.max(0, kept.size() - 40), kept.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Test
    void daemonsRideOutAnApiServerOutageLosingNoAllocationAndLeavingNoLock() throws Exception {
        var api = ProxiedApi.start(work.resolve("api"));
        var settings = DemoCluster.Settings.of(work, HamiLauncher.currentJvm(), Fixtures.inCheckout(DemoEndToEndIT.CHECKOUT),
                NodeSpec.defaults(1)).withContainers("region-writer");
        try (var cluster = ClusterStarts.start(api, settings)) {
            cluster.submit(pods("before"), "default");
            awaitSettled(cluster, Duration.ofSeconds(60), "the first set");

            cluster.submit(pods("during"), "default");
            long down = System.nanoTime();
            api.proxy().down(OutageProxy.Outage.REFUSE);
            TimeUnit.SECONDS.sleep(OUTAGE_SECONDS);
            int cut = api.proxy().cut();
            api.proxy().up();
            long up = System.nanoTime();
            // kube-scheduler moves pods it found unschedulable back to its queue at the latest after a minute
            cluster.standIn().retryUnschedulable();
            awaitSettled(cluster, SETTLE_AFTER_OUTAGE, "the set submitted at the outage");
            long settled = System.nanoTime();

            cluster.submit(pods("after"), "default");
            awaitSettled(cluster, SETTLE_AFTER_OUTAGE, "the set submitted after the restart");
            long afterSettled = System.nanoTime();

            assertThat(cluster.scheduler().process().isAlive()).as("scheduler alive").isTrue();
            for (NodeProcess node : cluster.nodes()) {
                assertThat(node.alive()).as("node %s alive", node.spec().name()).isTrue();
            }
            var records = cluster.standIn().records();
            assertThat(records).hasSize(3 * PODS_PER_SET)
                    .allSatisfy(r -> assertThat(r.phase()).as(r.name()).isEqualTo("Running"));
            for (Node node : api.client().nodes().list().getItems()) {
                var annotations = node.getMetadata().getAnnotations();
                assertThat(annotations == null ? null : annotations.get(AnnotationKeys.HAMI_NODE_LOCK))
                        .as("node lock on %s", node.getMetadata().getName()).isNull();
            }
            var dirs = new LinkedHashMap<String, Path>();
            cluster.nodes().forEach(n -> dirs.put(n.spec().name(), n.dir()));
            var audit = AllocationAudit.audit(cluster.snapshot(), api.client().pods().inNamespace("default").list()
                    .getItems(), dirs);
            assertThat(audit.violations()).isEmpty();
            assertThat(audit.allocationsChecked()).isEqualTo(3 * PODS_PER_SET);
            assertThat(cluster.awaitMonitors(Duration.ofSeconds(30))).as("containers the monitor does not report")
                    .isEmpty();

            int bindFailures = records.stream().mapToInt(PodRecord::bindFailures).sum();
            Map<String, Integer> bindCalls = new LinkedHashMap<>();
            records.forEach(r -> bindCalls.put(r.name(), r.bindCalls()));
            System.out.printf("API server outage: %d s refused, %d connections cut; the pods submitted at the outage "
                            + "settled %.1f s after the restart; the set submitted afterwards in %.1f s; %d bind calls "
                            + "failed; %d allocations audited, 0 violations, 0 node locks left; bind calls per pod %s%n",
                    TimeUnit.NANOSECONDS.toSeconds(up - down), cut, (settled - up) / 1e9, (afterSettled - settled) / 1e9,
                    bindFailures, audit.allocationsChecked(), bindCalls);
        }
    }
}
