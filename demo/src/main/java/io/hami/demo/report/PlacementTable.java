package io.hami.demo.report;

import io.hami.demo.scheduling.PodRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's output: one row per node and device (pods / slots, memory allocated / registered, cores allocated /
 * registered, memory used from the node's monitor), then each MIG instance pods hold (when any pod holds one), then the
 * pods that could not be placed with the reason. A device whose slots the scheduler does not publish shows its pods
 * alone; one whose containers run no HAMi-core (every vendor but NVIDIA, and NVIDIA GPUs in MIG mode) shows no memory
 * used, which nothing measures there.
 */
public final class PlacementTable {

    private static final long MIB = 1024L * 1024L;

    private PlacementTable() {
    }

    /** Writes the table of {@code snapshot}. */
    public static void print(ClusterSnapshot snapshot, PrintWriter out) {
        var rows = new ArrayList<String[]>();
        rows.add(new String[] {"NODE", "GPU", "TYPE", "PODS", "MEMORY MiB (alloc/reg)", "CORES % (alloc/reg)",
            "USED MiB", "POD NAMES"});
        for (var node : snapshot.nodes()) {
            if (node.gpus().isEmpty()) {
                rows.add(new String[] {node.name(), "-", "-", "-", "-", "-", "-", String.join("; ", node.problems())});
            }
            for (var gpu : node.gpus()) {
                rows.add(new String[] {node.name(), gpu.index() + " " + shortId(node.name(), gpu), gpu.type(),
                    gpu.count() > 0 ? gpu.pods().size() + "/" + gpu.count() : Integer.toString(gpu.pods().size()),
                    gpu.allocatedMiB() + "/" + gpu.registeredMiB(), gpu.allocatedCores() + "/" + gpu.registeredCores(),
                    gpu.hamiCore() ? Long.toString(gpu.usedBytes() / MIB) : "-", names(gpu.pods())});
            }
        }
        render(rows, out);
        printMig(snapshot, out);
        List<PodRecord> unplaced = snapshot.unplaced();
        out.println();
        if (unplaced.isEmpty()) {
            out.println("Every pod was placed.");
        } else {
            out.println("Pods not placed:");
            for (PodRecord r : unplaced) {
                out.printf(Locale.ROOT, "  %s/%s (%s): %s%n", r.namespace(), r.name(),
                        r.state().name().toLowerCase(Locale.ROOT), r.reason());
            }
        }
        var failed = snapshot.pods().stream().filter(p -> p.phase().equals("Failed")).toList();
        for (var p : failed) {
            out.printf(Locale.ROOT, "  %s/%s failed on %s (UnexpectedAdmissionError)%n", p.namespace(), p.name(),
                    p.node());
        }
        out.flush();
    }

    /**
     * One row per MIG instance a pod holds: the GPU, the profile and placement the scheduler reserved, and the instance
     * the device plugin made for it ({@code -} until kubelet has allocated the container).
     */
    private static void printMig(ClusterSnapshot snapshot, PrintWriter out) {
        var rows = new ArrayList<String[]>();
        rows.add(new String[] {"POD", "NODE", "GPU", "PROFILE", "PLACEMENT", "MIG DEVICE", "GI", "CI"});
        for (var pod : snapshot.pods()) {
            var node = snapshot.nodes().stream().filter(n -> n.name().equals(pod.node())).findFirst();
            for (var a : pod.mig()) {
                String gpu = node.flatMap(n -> n.gpus().stream().filter(g -> g.uuid().equals(a.gpuUuid())).findFirst())
                        .map(g -> g.index() + " " + shortUuid(g.uuid())).orElse(shortUuid(a.gpuUuid()));
                var made = a.runtime();
                rows.add(new String[] {names(List.of(pod.namespace() + "/" + pod.name())), pod.node(), gpu, a.profile(),
                    a.placement().start() + "+" + a.placement().size(), made == null ? "-" : made.migUuid(),
                    made == null ? "-" : Long.toString(made.gpuInstanceId()),
                    made == null ? "-" : Long.toString(made.computeInstanceId())});
            }
        }
        if (rows.size() > 1) {
            out.println();
            out.println("MIG instances:");
            render(rows, out);
        }
    }

    /**
     * An NVIDIA GPU's UUID shortened ({@link #shortUuid}); another vendor's id whole, as they differ anywhere, without
     * the node's name where the scheduler made it up from it ({@code mlu370-1-cambricon-mlu-0}).
     */
    static String shortId(String node, ClusterSnapshot.GpuView gpu) {
        if (gpu.nvidia()) {
            return shortUuid(gpu.uuid());
        }
        return gpu.uuid().startsWith(node + "-") ? gpu.uuid().substring(node.length() + 1) : gpu.uuid();
    }

    /** {@code GPU-a1000000-0001-...}: the first two groups, enough to tell GPUs apart. */
    static String shortUuid(String uuid) {
        String[] parts = uuid.split("-");
        return parts.length >= 3 ? parts[0] + "-" + parts[1] + "-" + parts[2] : uuid;
    }

    private static String names(List<String> pods) {
        var names = pods.stream().map(p -> p.startsWith("default/") ? p.substring("default/".length()) : p).toList();
        return names.isEmpty() ? "-" : String.join(",", names);
    }

    private static void render(List<String[]> rows, PrintWriter out) {
        int cols = rows.getFirst().length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                line.append(r[i]);
                if (i < cols - 1) {
                    line.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
