package io.hami.cli.deviceplugin;

import io.hami.cli.UserInputException;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.deviceplugin.Sharing;
import io.hami.deviceplugin.Timings;
import io.hami.deviceplugin.devices.DeviceFilter;
import io.hami.deviceplugin.devices.XidPolicy;
import io.hami.deviceplugin.nvidia.DeviceListing;
import io.hami.deviceplugin.nvidia.MigStrategy;
import io.hami.deviceplugin.nvidia.NvidiaPlugin;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.config.DeviceConfigLoader;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.vendor.DefaultVendors;
import io.hami.model.vendor.ResourceNames;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.wire.WireFormatException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code hami device-plugin} runs with, built from this node's entry of the node configuration file
 * (HAMi's {@code config.json}, {@link NodeConfiguration}) over its flags (which picocli already merged with their
 * environment variables) over the device-config file over HAMi's defaults, and checked by the records' constructors;
 * whatever does not hold is one line and exit code 2. Devices are left out when the flag or the node's entry names
 * them.
 *
 * @param config the vendor-independent plugin configuration
 * @param nvidia the NVIDIA settings: HAMi-core, host paths, XID policy
 * @param vendor the NVIDIA device type with the file's resource names
 */
record PluginSettings(DevicePluginConfig config, NvidiaPlugin.Settings nvidia, VendorDescriptor vendor) {

    /** Where HAMi-core's {@code vgpu/} lives on the host unless {@code --hook-path} says otherwise. */
    static final String DEFAULT_HOOK_PATH = "/usr/local";

    static PluginSettings from(DevicePluginCommand c) throws UserInputException {
        var file = nvidiaSection(c);
        var node = NodeConfiguration.read(c.nodeConfigFile, Objects.requireNonNullElse(c.nodeName, ""));
        try {
            NodeConfiguration.checkSupported(node);
            var sharing = new Sharing(
                    node.splitCount().isPresent() ? node.splitCount().getAsInt()
                            : Objects.requireNonNullElse(c.splitCount, file.deviceSplitCount()),
                    node.memoryScaling().orElse(Objects.requireNonNullElse(c.memoryScaling, file.deviceMemoryScaling())),
                    node.coreScaling().orElse(Objects.requireNonNullElse(c.coreScaling, file.deviceCoreScaling())),
                    node.preconfiguredMiB().orElse(file.preConfiguredDeviceMemory()), node.mode().orElse(c.mode),
                    node.numaTopology().orElse(Objects.requireNonNullElse(c.numaTopology, file.enableNumaTopology())));
            var excluded = new java.util.ArrayList<>(c.excluded);
            excluded.addAll(node.excludedUuids());
            node.excludedIndexes().forEach(i -> excluded.add(Integer.toString(i)));
            var timings = Timings.defaults().withAllocateTimeout(c.allocateTimeout);
            var config = new DevicePluginConfig(Objects.requireNonNullElse(c.nodeName, ""), c.pluginDir,
                    Objects.requireNonNullElse(c.socketName, "hami-nvidia.sock"), sharing,
                    DeviceFilter.parse(excluded), c.topologyScore,
                    node.preferredAllocation().orElse(c.preferredAllocation), healthAddress(c.healthAddress), timings);
            var hookPath = Objects.requireNonNullElse(c.hookPath, DEFAULT_HOOK_PATH);
            int logLevel = node.libCudaLogLevelNumber().orElse(file.libCudaLogLevel());
            var hamiCore = new HamiCoreSettings(hookPath, hookPath.replaceAll("/+$", "") + "/vgpu/libvgpu.so",
                    sharing.memoryScaling() > 1, Optional.of(logLevel),
                    Objects.requireNonNullElse(c.disableCoreLimit, file.disableCoreLimit()));
            var listing = new DeviceListing(DeviceListing.parse(c.deviceListStrategy), c.passDeviceSpecs,
                    Objects.requireNonNullElse(c.cdiKind, HamiAnnotations.CDI_KIND), c.cdiAnnotationPrefix);
            var migStrategy = MigStrategy.parse(node.migStrategy().orElse(c.migStrategy));
            var nvidia = new NvidiaPlugin.Settings(hamiCore, Optional.ofNullable(c.libvgpuSource), c.lockDir,
                    XidPolicy.fromEnvironment(c.disableHealthChecks, c.enableHealthChecks), listing, c.lockless)
                    .withMig(migStrategy, c.procRoot)
                    .withDynamicMig(c.migApplyLock, file.migProfileAllowlist());
            if (Sharing.MIG.equals(sharing.mode())) {
                NvidiaPlugin.requireDynamicMigFits(nvidia);
            }
            var vendor = DefaultVendors.nvidia(new ResourceNames(file.resourceCountName(), Optional.of(file.resourceMemoryName()),
                    Optional.of(file.resourceMemoryPercentageName()), Optional.of(file.resourceCoreName()),
                    Optional.of(file.resourcePriorityName())), file.defaultCores());
            return new PluginSettings(config, nvidia, vendor);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("hami device-plugin: " + e.getMessage());
        }
    }

    private static NvidiaConfig nvidiaSection(DevicePluginCommand c) throws UserInputException {
        if (c.deviceConfigFile == null) {
            return NvidiaConfig.defaults();
        }
        try {
            return DeviceConfigLoader.load(c.deviceConfigFile).nvidia().orElse(NvidiaConfig.defaults());
        } catch (UntrustedInputException e) {
            throw new UserInputException("hami device-plugin: --device-config-file " + e.getMessage());
        } catch (WireFormatException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** {@code host:port}, {@code :port} (every address), or {@code none}. */
    static Optional<InetSocketAddress> healthAddress(String text) {
        if (text.equals("none")) {
            return Optional.empty();
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--health-address: expected host:port or none: " + text);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--health-address: not a port: " + text);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--health-address: port out of range: " + text);
        }
        var host = text.substring(0, colon);
        return Optional.of(host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
    }
}
