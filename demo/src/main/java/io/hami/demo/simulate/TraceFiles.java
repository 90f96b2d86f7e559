package io.hami.demo.simulate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.hami.model.input.UntrustedFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Traces in YAML or CSV (docs/simulate.md, "Traces"). Times and durations are seconds (decimals allowed, kept to the
 * millisecond); requests are resource names with the quantities a pod's limits would carry.
 *
 * <pre>
 * pods:                                   time,duration,name,nvidia.com/gpu,nvidia.com/gpumem
 * - name: notebook                        0,1800,notebook,1,3000
 *   time: 0                               30,600,,2,
 *   duration: 1800
 *   requests: {nvidia.com/gpu: 1, nvidia.com/gpumem: 3000}
 * </pre>
 *
 * In CSV every column but {@code time}, {@code duration} and {@code name} is a resource, and an empty cell leaves it
 * out; a pod without a name is called {@code pod-<n>} after its place in the file. Errors name the file, the pod or
 * line, the field and the text.
 */
public final class TraceFiles {

    /** The largest trace file read: a CSV line is some 40 bytes, so about a million pods. */
    public static final int MAX_BYTES = 64 << 20;
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> FIXED_COLUMNS = List.of("time", "duration", "name");

    private TraceFiles() {
    }

    /** Reads a trace, as CSV when the file name ends in {@code .csv}, else as YAML. */
    public static Trace read(Path file) throws IOException {
        String text = UntrustedFiles.readText(file, MAX_BYTES);
        String source = file.toString();
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? csv(text, source)
                : yaml(text, source);
    }

    /** Reads a YAML trace; {@code source} names it in errors. */
    public static Trace yaml(String text, String source) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new IOException(source + ": not YAML: " + e.getOriginalMessage());
        }
        JsonNode list = root == null ? null : root.get("pods");
        if (list == null || !list.isArray()) {
            throw new IOException(source + ": expected a mapping with a list 'pods'");
        }
        var pods = new ArrayList<TracePod>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String where = source + ", pods[" + i + "]";
            if (!p.isObject()) {
                throw new IOException(where + ": expected a mapping with time, duration and requests");
            }
            var names = p.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!List.of("name", "time", "duration", "requests").contains(key)) {
                    throw new IOException(where + ": unknown field '" + key + "' (fields: name, time, duration, requests)");
                }
            }
            String name = p.hasNonNull("name") ? p.get("name").asText() : "pod-" + (i + 1);
            JsonNode requests = p.get("requests");
            if (requests == null || !requests.isObject() || requests.isEmpty()) {
                throw new IOException(where + ": requests: expected a mapping of resource names to quantities");
            }
            var map = new TreeMap<String, String>();
            for (Map.Entry<String, JsonNode> e : requests.properties()) {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new IOException(where + ": requests." + e.getKey() + ": expected a quantity");
                }
                map.put(e.getKey(), e.getValue().asText());
            }
            pods.add(pod(where, name, scalar(p, "time", where), scalar(p, "duration", where), map));
        }
        return trace(pods, source);
    }

    /** Reads a CSV trace; {@code source} names it in errors. */
    public static Trace csv(String text, String source) throws IOException {
        List<String> lines = text.lines().toList();
        int first = 0;
        while (first < lines.size() && (lines.get(first).isBlank() || lines.get(first).startsWith("#"))) {
            first++;
        }
        if (first == lines.size()) {
            throw new IOException(source + ": no header line (time,duration,[name,]resource,...)");
        }
        List<String> header = List.of(lines.get(first).strip().split(",", -1));
        for (String column : List.of("time", "duration")) {
            if (!header.contains(column)) {
                throw new IOException(source + ", line " + (first + 1) + ": the header has no column '" + column + "'");
            }
        }
        int time = header.indexOf("time");
        int duration = header.indexOf("duration");
        int name = header.indexOf("name");
        var pods = new ArrayList<TracePod>();
        for (int l = first + 1; l < lines.size(); l++) {
            String line = lines.get(l).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ", line " + (l + 1);
            String[] cells = line.split(",", -1);
            if (cells.length != header.size()) {
                throw new IOException(where + ": " + cells.length + " cells, the header has " + header.size());
            }
            var requests = new TreeMap<String, String>();
            for (int c = 0; c < cells.length; c++) {
                if (!FIXED_COLUMNS.contains(header.get(c)) && !cells[c].isBlank()) {
                    requests.put(header.get(c).strip(), cells[c].strip());
                }
            }
            if (requests.isEmpty()) {
                throw new IOException(where + ": the pod asks for no resource");
            }
            String podName = name >= 0 && !cells[name].isBlank() ? cells[name].strip() : "pod-" + (pods.size() + 1);
            pods.add(pod(where, podName, cells[time].strip(), cells[duration].strip(), requests));
        }
        return trace(pods, source);
    }

    /** The trace as CSV, in the form {@link #csv} reads: one column per resource any pod asks for. */
    public static String toCsv(Trace trace) {
        var resources = new java.util.TreeSet<String>();
        trace.pods().forEach(p -> resources.addAll(p.requests().keySet()));
        var out = new StringBuilder("time,duration,name");
        resources.forEach(r -> out.append(',').append(r));
        out.append('\n');
        for (TracePod p : trace.pods()) {
            out.append(seconds(p.arrivalMillis())).append(',').append(seconds(p.durationMillis())).append(',')
                    .append(p.name());
            for (String r : resources) {
                out.append(',').append(p.requests().getOrDefault(r, ""));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Milliseconds as seconds, without trailing zeros. */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    private static String scalar(JsonNode pod, String field, String where) throws IOException {
        JsonNode v = pod.get(field);
        if (v == null || !v.isValueNode() || v.isNull()) {
            throw new IOException(where + ": " + field + ": expected seconds");
        }
        return v.asText();
    }

    private static TracePod pod(String where, String name, String time, String duration, Map<String, String> requests)
            throws IOException {
        long arrival = millis(where, "time", time);
        long length = millis(where, "duration", duration);
        if (length <= 0) {
            throw new IOException(where + ": duration: must be positive: " + duration);
        }
        return new TracePod(name, arrival, length, new TreeMap<>(requests));
    }

    private static long millis(String where, String field, String text) throws IOException {
        try {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() < 0) {
                throw new IOException(where + ": " + field + ": must not be negative: " + text);
            }
            return seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IOException(where + ": " + field + ": not a number of seconds: '" + text + "'");
        }
    }

    private static Trace trace(List<TracePod> pods, String source) throws IOException {
        try {
            return new Trace(pods);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage());
        }
    }
}
