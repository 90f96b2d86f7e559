package io.hami.demo.cluster;

import io.hami.demo.node.MigInstances;
import io.hami.demo.node.NodeLayout;
import io.hami.demo.report.ClusterSnapshot;
import io.hami.model.device.MigAllocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end of the MIG cycle in the demo: the pods holding MIG instances are deleted, and each MIG node's device plugin
 * destroys the instances no pod uses any more. Whether it did is read from what the node's NVML lists now
 * ({@link MigInstances}, written by {@code hami node --mode mig}), not from the pods.
 *
 * @param rows one per instance the deleted pods held
 * @param left per MIG node (by name) the MIG devices its NVML still lists
 */
public record MigTeardown(List<Row> rows, Map<String, List<String>> left) {

    /**
     * One instance of a deleted pod.
     *
     * @param pod       the pod's name
     * @param node      its node
     * @param profile   the reservation's profile
     * @param migUuid   the MIG device made for it
     * @param destroyed whether the node's NVML no longer lists it
     */
    public record Row(String pod, String node, String profile, String migUuid, boolean destroyed) {
    }

    public MigTeardown {
        rows = List.copyOf(rows);
        left = Map.copyOf(left);
    }

    /** Whether every instance of the deleted pods is gone. */
    public boolean allDestroyed() {
        return rows.stream().allMatch(Row::destroyed);
    }

    /**
     * Deletes the pods of {@code snapshot} that hold MIG instances and waits, up to {@code timeout}, until their nodes'
     * NVML lists none of those instances; empty when no pod holds one.
     */
    public static Optional<MigTeardown> run(DemoCluster cluster, ClusterSnapshot snapshot, Duration timeout)
            throws IOException, InterruptedException {
        var held = snapshot.pods().stream().filter(p -> p.mig().stream().anyMatch(a -> a.runtime() != null)).toList();
        if (held.isEmpty()) {
            return Optional.empty();
        }
        held.forEach(p -> cluster.standIn().delete(p.namespace(), p.name()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var listed = listed(cluster);
            var rows = new ArrayList<Row>();
            for (var pod : held) {
                for (MigAllocation a : pod.mig()) {
                    if (a.runtime() != null) {
                        var uuid = a.runtime().migUuid();
                        boolean gone = !listed.getOrDefault(pod.node(), List.of()).contains(uuid);
                        rows.add(new Row(pod.name(), pod.node(), a.profile(), uuid, gone));
                    }
                }
            }
            var teardown = new MigTeardown(rows, listed);
            if (teardown.allDestroyed() || System.nanoTime() > deadline) {
                return Optional.of(teardown);
            }
            Thread.sleep(100); // the node rewrites its file when its instances change; no cheaper wait across processes
        }
    }

    /** Per MIG node the MIG devices its NVML lists now. */
    private static Map<String, List<String>> listed(DemoCluster cluster) throws IOException {
        var out = new LinkedHashMap<String, List<String>>();
        for (var node : cluster.nodes()) {
            var file = new NodeLayout(node.dir()).migDevicesFile();
            if (Files.exists(file)) {
                out.put(node.spec().name(), MigInstances.read(file).all());
            }
        }
        return out;
    }

    /** The deleted pods' instances and what each MIG node still lists. */
    public void print(PrintWriter out) {
        out.println();
        out.println("MIG pods deleted; the device plugin destroys the instances no pod uses:");
        int podWidth = Math.max(3, rows.stream().mapToInt(r -> r.pod().length()).max().orElse(0));
        int nodeWidth = Math.max(4, rows.stream().mapToInt(r -> r.node().length()).max().orElse(0));
        int uuidWidth = Math.max(10, rows.stream().mapToInt(r -> r.migUuid().length()).max().orElse(0));
        String format = "%-" + podWidth + "s  %-" + nodeWidth + "s  %-7s  %-" + uuidWidth + "s  %s%n";
        out.printf(format, "POD", "NODE", "PROFILE", "MIG DEVICE", "NOW");
        for (var r : rows) {
            out.printf(format, r.pod(), r.node(), r.profile(), r.migUuid(), r.destroyed() ? "destroyed" : "STILL LISTED");
        }
        out.println();
        left.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.println("MIG devices left on "
                + e.getKey() + ": " + (e.getValue().isEmpty() ? "none" : String.join(", ", e.getValue()))));
        out.flush();
    }
}
