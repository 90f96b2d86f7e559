package io.hami.demo.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The results of every policy pair on one trace, as the table {@code hami simulate} prints and as JSON.
 *
 * @param trace   where the trace came from (a file, or the generator's settings)
 * @param nodes   how many nodes the cluster had
 * @param gpus    how many GPUs
 * @param maxWaitMillis the longest wait before a pod is refused
 * @param results one per policy pair, in the order they were asked for
 */
public record SimulationReport(String trace, int nodes, int gpus, long maxWaitMillis, List<PolicyResult> results) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public SimulationReport {
        results = List.copyOf(results);
    }

    /** The table: one row per policy pair; times in seconds, shares in percent. */
    public String table() {
        var rows = new ArrayList<String[]>();
        rows.add(new String[] {"NODE/GPU POLICY", "PLACED", "REFUSED", "WAIT p50 s", "p90 s", "p99 s", "max s",
            "MEM UTIL %", "CORE UTIL %", "FRAGMENTED %", "PEAK WAITING", "MAKESPAN s"});
        for (PolicyResult r : results) {
            rows.add(new String[] {r.label(), Integer.toString(r.placed()), Integer.toString(r.refused()),
                seconds(r.waitPercentileMillis(50)), seconds(r.waitPercentileMillis(90)),
                seconds(r.waitPercentileMillis(99)), seconds(r.waitPercentileMillis(100)),
                percent(r.memoryUtilization()), percent(r.coreUtilization()), percent(r.fragmentation()),
                Integer.toString(r.peakWaiting()), seconds(r.makespanMillis())});
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        var out = new StringBuilder();
        for (String[] row : rows) {
            var line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == 0 ? String.format(Locale.ROOT, "%-" + widths[c] + "s", row[c])
                        : String.format(Locale.ROOT, "  %" + widths[c] + "s", row[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The report as JSON (docs/simulate.md, "Output"). */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("trace", trace);
        root.put("nodes", nodes);
        root.put("gpus", gpus);
        root.put("maxWaitSeconds", maxWaitMillis / 1000.0);
        ArrayNode list = root.putArray("policies");
        for (PolicyResult r : results) {
            ObjectNode o = list.addObject();
            o.put("nodePolicy", r.nodePolicy().wireName());
            o.put("gpuPolicy", r.label().substring(r.label().indexOf('/') + 1));
            o.put("pods", r.pods());
            o.put("placed", r.placed());
            o.put("refused", r.refused());
            ObjectNode wait = o.putObject("waitSeconds");
            for (int p : new int[] {50, 90, 99}) {
                wait.put("p" + p, r.waitPercentileMillis(p) / 1000.0);
            }
            wait.put("max", r.waitPercentileMillis(100) / 1000.0);
            o.put("memoryUtilization", round(r.memoryUtilization()));
            o.put("coreUtilization", round(r.coreUtilization()));
            o.put("fragmentation", round(r.fragmentation()));
            o.put("peakWaiting", r.peakWaiting());
            o.put("makespanSeconds", r.makespanMillis() / 1000.0);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static double round(double share) {
        return Math.round(share * 1e6) / 1e6;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f", share * 100);
    }
}
