package io.hami.deviceplugin;

import io.hami.deviceplugin.devices.DeviceFilter;
import io.hami.model.annotation.KubernetesNames;
import io.hami.model.wire.WireFormatException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The vendor-independent configuration of a device plugin, built once by the command (flags, then
 * environment, then the device-config file) and checked here.
 *
 * @param nodeName            this node, as the API knows it ({@code NODE_NAME})
 * @param pluginDir           kubelet's device-plugin directory, holding {@code kubelet.sock}
 * @param endpoint            the file name of the plugin's socket in {@code pluginDir}
 * @param sharing             split count, scaling, mode
 * @param filter              devices left out
 * @param topologyScore       whether to write the topology score annotation
 * @param preferredAllocation whether kubelet may ask {@code GetPreferredAllocation}
 * @param healthAddress       where {@code /healthz} is served; empty for nowhere
 * @param timings             intervals and timeouts
 */
public record DevicePluginConfig(String nodeName, Path pluginDir, String endpoint, Sharing sharing, DeviceFilter filter,
                                 boolean topologyScore, boolean preferredAllocation,
                                 Optional<InetSocketAddress> healthAddress, Timings timings) {

    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.sock");

    /** kubelet's device-plugin directory. */
    public static final Path KUBELET_PLUGIN_DIR = Path.of("/var/lib/kubelet/device-plugins");

    /** kubelet's registration socket in that directory. */
    public static final String KUBELET_SOCKET = "kubelet.sock";

    public DevicePluginConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        if (!KubernetesNames.isDnsSubdomain(nodeName)) {
            throw new IllegalArgumentException("node name must be a DNS subdomain (set --node-name or NODE_NAME): "
                    + WireFormatException.quote(nodeName));
        }
        Objects.requireNonNull(pluginDir, "pluginDir");
        Objects.requireNonNull(endpoint, "endpoint");
        if (!ENDPOINT.matcher(endpoint).matches() || endpoint.equals(KUBELET_SOCKET)) {
            throw new IllegalArgumentException("endpoint must be a socket file name ending in .sock, not kubelet.sock: " + endpoint);
        }
        if (pluginDir.resolve(endpoint).toString().length() > 107) {
            throw new IllegalArgumentException("socket path longer than a Unix socket allows (107 bytes): " + pluginDir.resolve(endpoint));
        }
        Objects.requireNonNull(sharing, "sharing");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(healthAddress, "healthAddress");
        Objects.requireNonNull(timings, "timings");
    }
}
