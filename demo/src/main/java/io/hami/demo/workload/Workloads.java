package io.hami.demo.workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hami.model.input.UntrustedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pods from YAML files: one or more documents separated by {@code ---}, each a {@code v1} Pod (other kinds are an
 * error, so a typo does not vanish). Names must be unique within a file.
 */
public final class Workloads {

    /** The largest workload file: a few dozen pods need a few KiB. */
    public static final int MAX_BYTES = 1 << 20;
    private static final Pattern SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private Workloads() {
    }

    /**
     * Reads the pods of {@code file}.
     *
     * @throws IOException when it cannot be read, or a document is not a named Pod (naming the document)
     */
    public static List<Pod> load(Path file) throws IOException {
        return parse(UntrustedFiles.readText(file, MAX_BYTES), file.toString());
    }

    /** Reads the pods of {@code yaml}; {@code source} names it in errors. */
    public static List<Pod> parse(String yaml, String source) throws IOException {
        var serialization = new KubernetesSerialization();
        var pods = new ArrayList<Pod>();
        var names = new HashSet<String>();
        int document = 0;
        for (String text : SEPARATOR.split(yaml)) {
            document++;
            if (text.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            Object parsed;
            try {
                parsed = serialization.unmarshal(text);
            } catch (RuntimeException e) {
                throw new IOException(source + ", document " + document + ": not Kubernetes YAML: " + e.getMessage(),
                        e);
            }
            if (!(parsed instanceof Pod pod)) {
                throw new IOException(source + ", document " + document + ": expected a v1 Pod, got "
                        + (parsed == null ? "nothing" : parsed.getClass().getSimpleName()));
            }
            String name = pod.getMetadata() == null ? null : pod.getMetadata().getName();
            if (name == null || name.isEmpty()) {
                throw new IOException(source + ", document " + document + ": the Pod has no metadata.name");
            }
            if (!names.add(name)) {
                throw new IOException(source + ", document " + document + ": a second Pod named " + name);
            }
            pods.add(pod);
        }
        if (pods.isEmpty()) {
            throw new IOException(source + ": no Pod in it");
        }
        return List.copyOf(pods);
    }
}
