package io.hami.cli.node;

import io.hami.cli.UserInputException;
import io.hami.demo.node.NodeLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code hami node}'s options, checked once: the layout, the labels, how containers start, and the arguments of
 * the node's device plugin and monitor. Whatever does not hold is one line and exit code 2.
 *
 * @param layout       the node's directories
 * @param labels       the Node's labels, {@code gpu=on} included
 * @param containers   how containers start
 * @param regionWriter the region writer, when containers start through it
 * @param pluginArgs   the arguments of the node's {@code hami device-plugin}
 * @param monitorArgs  the arguments of the node's {@code hami monitor}
 */
record NodeOptions(NodeLayout layout, Map<String, String> labels, Containers containers, Path regionWriter,
        List<String> pluginArgs, List<String> monitorArgs) {
    private static final Pattern LABEL_KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    /** How the node starts containers. */
    enum Containers {
        REGION_WRITER, RUNC
    }

    static NodeOptions from(NodeCommand c) throws UserInputException {
        if (c.nodeName.isBlank()) {
            throw new UserInputException("hami node: --node-name must not be empty");
        }
        if (!Files.isReadable(c.kubeconfig)) {
            throw new UserInputException("hami node: cannot read kubeconfig " + c.kubeconfig);
        }
        if (!(c.usedFraction >= 0 && c.usedFraction <= 1)) {
            throw new UserInputException("hami node: --used-fraction must lie in 0..1: " + c.usedFraction);
        }
        if (c.startTimeoutSeconds <= 0) {
            throw new UserInputException("hami node: --start-timeout must be positive: " + c.startTimeoutSeconds);
        }
        var containers = containers(c.containers);
        var layout = new NodeLayout(c.dir);
        var library = c.nvmlLibrary();
        return new NodeOptions(layout, labels(c.labels), containers,
                containers == Containers.REGION_WRITER ? c.regionWriter() : null,
                c.pluginArgs(layout, library), c.monitorArgs(layout, library));
    }

    private static Containers containers(String text) throws UserInputException {
        return switch (text) {
            // runc is not wired up yet: auto always means the region writer
            case "auto", "region-writer" -> Containers.REGION_WRITER;
            case "runc" -> Containers.RUNC;
            default -> throw new UserInputException("hami node: --containers must be auto, region-writer or runc: " + text);
        };
    }

    private static Map<String, String> labels(List<String> pairs) throws UserInputException {
        var labels = new LinkedHashMap<String, String>();
        labels.put("gpu", "on");
        for (var pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            var key = eq < 0 ? pair : pair.substring(0, eq);
            var value = eq < 0 ? "" : pair.substring(eq + 1);
            if (eq < 0 || !LABEL_KEY.matcher(key).matches() || !LABEL_VALUE.matcher(value).matches()) {
                throw new UserInputException("hami node: --labels: not a label k=v: " + pair);
            }
            labels.put(key, value);
        }
        return labels;
    }
}
