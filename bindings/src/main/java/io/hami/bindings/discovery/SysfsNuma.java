package io.hami.bindings.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The NUMA node of a PCI device from {@code <sysfs>/bus/pci/devices/<address>/numa_node}, as HAMi reads it for
 * libraries that do not report one. A negative node means the machine has no NUMA: empty then, as when the
 * file is missing or unreadable.
 */
public final class SysfsNuma {

    private final Path sysfs;

    /** @param sysfsRoot normally {@code /sys}; tests pass a directory of their own */
    public SysfsNuma(Path sysfsRoot) {
        this.sysfs = sysfsRoot;
    }

    /**
     * The node as the library tells it where it can (a negative node: the machine has no NUMA), else as sysfs
     * tells it for the device's PCI address; null when neither knows.
     */
    public Integer node(Optional<Integer> fromLibrary, Optional<PciAddress> address) {
        if (fromLibrary.isPresent()) {
            return fromLibrary.get() < 0 ? null : fromLibrary.get();
        }
        var node = address.map(this::node).orElse(OptionalInt.empty());
        return node.isPresent() ? node.getAsInt() : null;
    }

    /** The node of the device at {@code address}. */
    public OptionalInt node(PciAddress address) {
        return node(address.toString());
    }

    /** The node of the device whose directory under {@code bus/pci/devices} is {@code name}. */
    public OptionalInt node(String name) {
        if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            return OptionalInt.empty();
        }
        try {
            var text = Files.readString(sysfs.resolve("bus/pci/devices").resolve(name).resolve("numa_node"));
            int node = Integer.parseInt(text.trim());
            return node < 0 ? OptionalInt.empty() : OptionalInt.of(node);
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
