package io.hami.cli.deviceplugin;

import io.hami.bindings.DeviceDiscoveries;
import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DiscoveryException;
import io.hami.cli.HamiCommand;
import io.hami.cli.UserInputException;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.deviceplugin.PluginParts;
import io.hami.deviceplugin.Sharing;
import io.hami.deviceplugin.Timings;
import io.hami.deviceplugin.devices.DeviceFilter;
import io.hami.deviceplugin.vendor.VendorPlugins;
import io.hami.deviceplugin.vendor.VendorProfile;
import io.hami.deviceplugin.vendor.VendorSelection;
import io.hami.model.config.DeviceConfig;
import io.hami.model.config.DeviceConfigLoader;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.wire.WireFormatException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code hami device-plugin --vendor V} runs with, for every vendor but NVIDIA: the device-config file (or HAMi's
 * defaults), the vendor's library (given, or the first of its usual places that opens), the device type the node's
 * devices are, and the shared plugin configuration. Whatever does not hold is one line and exit code 2; a library that
 * cannot be opened or cannot list is exit code 3.
 *
 * @param vendorId  the {@code --vendor} value
 * @param file      the device-config file's content
 * @param hookPath  Ascend's soft-split directory on the host
 */
record VendorPluginSettings(String vendorId, DeviceConfig file, Path hookPath, DevicePluginCommand command) {

    /** HAMi's Ascend plugin keeps its soft-split library and container directories here unless told otherwise. */
    static final String DEFAULT_ASCEND_HOOK_PATH = "/usr/local/hami-vnpu-core";

    /** The vendor's library opened, its device type chosen, and the plugin's parts and configuration made. */
    record Opened(VendorProfile profile, PluginParts parts, DevicePluginConfig config) {
    }

    static VendorPluginSettings from(DevicePluginCommand c) throws UserInputException {
        if (!VendorSelection.VENDORS.contains(c.vendor)) {
            throw new UserInputException("hami device-plugin: --vendor must be one of nvidia, "
                    + String.join(", ", VendorSelection.VENDORS) + ": " + c.vendor);
        }
        if (c.hygonDtkPath == null || !c.hygonDtkPath.isAbsolute()) {
            throw new UserInputException("hami device-plugin: --hygon-dtk-path (or HYGONPATH) must be an absolute path: "
                    + c.hygonDtkPath);
        }
        absoluteOrUnset("--hygon-vdcu-dir", c.hygonVdcuDir);
        absoluteOrUnset("--hygon-vdev-dir", c.hygonVdevDir);
        DeviceConfig file;
        try {
            file = c.deviceConfigFile == null ? DeviceConfig.defaults() : DeviceConfigLoader.load(c.deviceConfigFile);
        } catch (UntrustedInputException e) {
            throw new UserInputException("hami device-plugin: --device-config-file " + e.getMessage());
        } catch (WireFormatException e) {
            throw new UserInputException("hami device-plugin: " + e.getMessage());
        }
        return new VendorPluginSettings(c.vendor, file, Path.of(Objects.requireNonNullElse(c.hookPath, DEFAULT_ASCEND_HOOK_PATH)), c);
    }

    private static void absoluteOrUnset(String option, Path dir) throws UserInputException {
        if (dir != null && !dir.isAbsolute()) {
            throw new UserInputException("hami device-plugin: " + option + " must be an absolute path: " + dir);
        }
    }

    /** HAMi's Hygon directories, but those the options name. */
    private VendorPlugins.HygonSettings hygon() {
        var hami = VendorPlugins.HygonSettings.at(command.hygonDtkPath);
        return new VendorPlugins.HygonSettings(hami.dtk(), Objects.requireNonNullElse(command.hygonVdcuDir, hami.vdcuDirectory()),
                Objects.requireNonNullElse(command.hygonVdevDir, hami.vdevDirectory()));
    }

    /** The vendor's library, opened, and the device type its devices are. */
    record Selected(DeviceDiscovery discovery, VendorProfile profile) {
    }

    /**
     * Opens the library and lists the devices once to pick the device type; nothing on the host is touched (what
     * {@code hami node} asks before it starts the plugin).
     */
    Selected select() throws UserInputException {
        var library = VendorSelection.libraryVendor(vendorId);
        try {
            var discovery = command.vendorLibrary != null ? DeviceDiscoveries.open(library, command.vendorLibrary)
                    : DeviceDiscoveries.find(library).orElseThrow(() -> new UserInputException("hami device-plugin: "
                            + library.displayName() + " " + library.api() + " not available: none of "
                            + library.libraries() + " opens (set --library)", HamiCommand.EXIT_NATIVE_UNAVAILABLE));
            return new Selected(discovery, VendorSelection.select(vendorId, file, discovery.discover()));
        } catch (DiscoveryException e) {
            throw new UserInputException("hami device-plugin: " + e.getMessage(), HamiCommand.EXIT_NATIVE_UNAVAILABLE);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("hami device-plugin: " + e.getMessage());
        }
    }

    /** Picks the device type ({@link #select()}) and makes the plugin's parts and configuration. */
    Opened open() throws UserInputException {
        var selected = select();
        var profile = selected.profile();
        try {
            int split = VendorPlugins.splitCount(profile, Optional.ofNullable(command.splitCount));
            if (Sharing.MIG.equals(command.mode)) {
                throw new IllegalArgumentException("--mode mig (dynamic MIG) is NVIDIA's; " + vendorId
                        + " shares its devices as hami-core or mps");
            }
            var sharing = new Sharing(split, Objects.requireNonNullElse(command.memoryScaling, 1.0),
                    Objects.requireNonNullElse(command.coreScaling, 1.0), 0, command.mode,
                    Objects.requireNonNullElse(command.numaTopology, false));
            var config = new DevicePluginConfig(Objects.requireNonNullElse(command.nodeName, ""), command.pluginDir,
                    Objects.requireNonNullElse(command.socketName, "hami-" + vendorId + ".sock"), sharing,
                    DeviceFilter.parse(command.excluded), command.topologyScore, command.preferredAllocation,
                    PluginSettings.healthAddress(command.healthAddress),
                    Timings.defaults().withAllocateTimeout(command.allocateTimeout));
            var parts = VendorPlugins.parts(profile, selected.discovery(), new VendorPlugins.Settings(hookPath,
                    command.healthPoll, file.vnpus().map(v -> v.hamiVnpuCore()).orElse(false), hygon()));
            return new Opened(profile, parts, config);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("hami device-plugin: " + e.getMessage());
        }
    }
}
