package io.hami.cli.deviceplugin;

import io.hami.cli.UserInputException;
import io.hami.deviceplugin.nvidia.MigStrategy;
import io.hami.model.config.NodeConfigCodec;
import io.hami.model.config.NodeConfigFile;
import io.hami.model.config.NodeConfigFile.NodeOverrides;
import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.wire.WireFormatException;
import java.nio.file.Path;
import java.util.List;

/**
 * This node's entry of HAMi's per-node configuration ({@code --node-config-file}, the {@code config.json} of the
 * device plugin's ConfigMap; docs/install.md, "Per-node configuration"). The file is read at start and again while
 * the plugin runs, so a changed entry takes effect without restarting the pod.
 */
final class NodeConfiguration {

    private NodeConfiguration() {
    }

    /**
     * The merged entries for {@code node}; nothing when no file is configured.
     *
     * @throws UserInputException when the file cannot be read or is not HAMi's format (one line naming the entry and
     *                            key)
     */
    static NodeOverrides read(Path file, String node) throws UserInputException {
        return file == null ? NodeOverrides.NONE : decode(file).forNode(node);
    }

    /** Keys of the file that hami-java does not read, for one warning at start. */
    static List<String> ignoredKeys(Path file) throws UserInputException {
        return file == null ? List.of() : decode(file).ignoredKeys();
    }

    /**
     * Refuses what the entry asks for that hami-java cannot do.
     *
     * @throws IllegalArgumentException for a MIG strategy not none, single or mixed
     */
    static void checkSupported(NodeOverrides node) {
        node.migStrategy().ifPresent(s -> {
            try {
                MigStrategy.parse(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("node configuration: migstrategy \"" + s + "\" is not none, single or mixed");
            }
        });
    }

    private static NodeConfigFile decode(Path file) throws UserInputException {
        try {
            return NodeConfigCodec.decode(UntrustedFiles.readText(file, NodeConfigCodec.MAX_BYTES));
        } catch (UntrustedInputException e) {
            throw new UserInputException("hami device-plugin: --node-config-file " + e.getMessage());
        } catch (WireFormatException e) {
            throw new UserInputException("hami device-plugin: --node-config-file " + file + ": " + e.getMessage());
        }
    }
}
