package io.hami.demo.race;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.demo.cluster.DemoCluster;
import io.hami.demo.cluster.NodeProcess;
import io.hami.demo.scheduling.PodRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Many pods with random requests submitted at once from several threads, some deleted at random while the others
 * are still being scheduled, then a churn of deletions of placed pods while the unschedulable ones are filtered
 * again, over a running {@link DemoCluster}; then the {@link AllocationAudit}.
 */
public final class RaceSimulation {

    /**
     * What to run.
     *
     * @param pods            how many pods to submit
     * @param seed            the random requests' seed
     * @param deleteFraction  the probability that a submission is followed by the deletion of a random earlier pod
     * @param submitThreads   how many threads submit
     * @param namespace       where the pods go
     * @param timeout         how long scheduling may take to settle
     * @param deviceTypes     the device types the pods ask for, drawn evenly (ids of the default catalog)
     */
    public record Settings(int pods, long seed, double deleteFraction, int submitThreads, String namespace,
                           Duration timeout, List<String> deviceTypes) {
        public Settings {
            if (pods < 1 || submitThreads < 1 || !(deleteFraction >= 0 && deleteFraction <= 1)) {
                throw new IllegalArgumentException("pods and threads must be positive, the delete fraction "
                        + "within 0..1: " + pods + ", " + submitThreads + ", " + deleteFraction);
            }
            deviceTypes = List.copyOf(deviceTypes);
        }

        /** NVIDIA pods only. */
        public Settings(int pods, long seed, double deleteFraction, int submitThreads, String namespace, Duration timeout) {
            this(pods, seed, deleteFraction, submitThreads, namespace, timeout, RandomPods.NVIDIA_ONLY);
        }
    }

    /** The counts the simulation reports. */
    public record Report(int created, int rejected, int placed, int unschedulable, int deleted, int running,
                         int failed, int allocationsChecked, List<String> violations, Duration elapsed) {
    }

    private RaceSimulation() {
    }

    /** Runs it on {@code cluster}. */
    public static Report run(DemoCluster cluster, Settings s) throws IOException, InterruptedException,
            TimeoutException {
        var random = new RandomPods(s.seed(), s.deviceTypes());
        var pods = new ArrayList<Pod>();
        var deletions = new ArrayList<Integer>();
        for (int i = 0; i < s.pods(); i++) {
            pods.add(random.next("race-" + i));
            deletions.add(i > 0 && random.chance(s.deleteFraction()) ? random.index(i) : -1);
        }
        var submitted = Collections.synchronizedList(new ArrayList<String>());
        long start = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(s.submitThreads(), Thread.ofVirtual().factory())) {
            var futures = new ArrayList<Future<?>>();
            int per = (s.pods() + s.submitThreads() - 1) / s.submitThreads();
            for (int t = 0; t < s.submitThreads(); t++) {
                int from = t * per;
                int to = Math.min(s.pods(), from + per);
                futures.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        cluster.standIn().submit(pods.get(i), s.namespace());
                        submitted.add(pods.get(i).getMetadata().getName());
                        int victim = deletions.get(i);
                        if (victim >= from && victim < i) {
                            cluster.standIn().delete(s.namespace(), pods.get(victim).getMetadata().getName());
                        }
                    }
                    return null;
                }));
            }
            for (var f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IOException("submitting the race's pods failed: " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        }
        churn(cluster, s, random);
        cluster.awaitSettled(s.timeout());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        var snapshot = cluster.snapshot();
        List<Pod> live = cluster.api().client().pods().inNamespace(s.namespace()).list().getItems();
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (NodeProcess n : cluster.nodes()) {
            dirs.put(n.spec().name(), n.dir());
        }
        var audit = AllocationAudit.audit(snapshot, live, dirs);
        var records = cluster.standIn().records();
        return new Report(count(records, r -> !r.uid().isEmpty()), count(records,
                r -> r.state() == PodRecord.State.REJECTED), count(records, r -> r.boundAt() > 0),
                count(records, r -> r.state() == PodRecord.State.UNSCHEDULABLE),
                count(records, r -> r.state() == PodRecord.State.DELETED),
                count(records, r -> r.state() == PodRecord.State.BOUND && r.phase().equals("Running")),
                count(records, r -> r.phase().equals("Failed")), audit.allocationsChecked(), audit.violations(),
                elapsed);
    }

    /**
     * After the burst of submissions, deletes a tenth as many placed pods as were submitted, one every 20 ms, while
     * the unschedulable ones are being filtered again: frees capacity under concurrent refilters and binds.
     */
    private static void churn(DemoCluster cluster, Settings s, RandomPods random) throws InterruptedException {
        if (s.deleteFraction() == 0) {
            return;
        }
        for (int i = 0; i < s.pods() / 10; i++) {
            var bound = cluster.standIn().records().stream().filter(r -> r.state() == PodRecord.State.BOUND).toList();
            if (bound.isEmpty()) {
                Thread.sleep(20);
                continue;
            }
            var victim = bound.get(random.index(bound.size()));
            cluster.standIn().delete(victim.namespace(), victim.name());
            Thread.sleep(20);
        }
    }

    private static int count(List<PodRecord> records, java.util.function.Predicate<PodRecord> p) {
        return (int) records.stream().filter(p).count();
    }
}
