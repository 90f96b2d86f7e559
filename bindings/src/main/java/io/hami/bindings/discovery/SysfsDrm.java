package io.hami.bindings.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The DRM nodes of a PCI device, from the entries of {@code <sysfs>/bus/pci/devices/<address>/drm/}: the kernel names
 * there the {@code card<N>} and {@code renderD<M>} nodes it made for that device, which live under {@code /dev/dri/}.
 * For libraries that do not say which DRM nodes belong to a device (MXSML).
 */
public final class SysfsDrm {

    private static final Pattern NODE = Pattern.compile("(card|renderD)[0-9]{1,6}");

    private final Path sysfs;

    /** @param sysfsRoot normally {@code /sys}; tests pass a directory of their own */
    public SysfsDrm(Path sysfsRoot) {
        this.sysfs = sysfsRoot;
    }

    /**
     * The device's nodes, {@code /dev/dri/card<N>} before {@code /dev/dri/renderD<M>}, each kind by number; empty when
     * sysfs does not list any (no such device, no DRM driver bound, no sysfs).
     */
    public List<String> nodes(PciAddress address) {
        var dir = sysfs.resolve("bus/pci/devices").resolve(address.toString()).resolve("drm");
        var names = new ArrayList<String>();
        try (var entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> NODE.matcher(n).matches()).forEach(names::add);
        } catch (IOException e) {
            return List.of();
        }
        names.sort(Comparator.comparing((String n) -> n.startsWith("renderD"))
                .thenComparingInt(n -> Integer.parseInt(n.replaceAll("[^0-9]", ""))));
        return names.stream().map(n -> "/dev/dri/" + n).toList();
    }
}
