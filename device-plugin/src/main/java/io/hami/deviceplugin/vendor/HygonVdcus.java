package io.hami.deviceplugin.vendor;

import io.hami.deviceplugin.allocate.HostClaim;
import io.hami.deviceplugin.allocate.PodHostState;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.bindings.discovery.PciAddress;
import io.hami.model.device.ContainerDevice;
import io.hami.model.protocol.ContainerDirectories;
import io.hami.model.protocol.ContainerIdentity;
import io.hami.model.protocol.Mount;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vDCUs of this node (docs/vendors.md, "Device plugins"): a container that takes part of one Hygon card gets a
 * vDCU, through which Hygon's driver limits its compute units and memory. A vDCU is a host directory
 * {@code <vdcu dir>/<name>} ({@link VdcuDirectory}, 0777) holding {@code vdev0.conf} (device id 0), mounted at
 * {@code /etc/vdev/docker/} with the DTK at {@code /opt/hygondriver}, and a copy {@code <vdev dir>/vdev<vdev id>.conf}
 * with the card's index as device id, for Hygon's exporter.
 *
 * <p>The directory names are the only record: they are read at start, so that a restarted plugin hands out none of
 * the ids and compute units its previous run gave away, and a vDCU is released (its directory and its copy deleted,
 * its ids free) when {@code Allocate} fails after reserving it or its pod is gone ({@link PodHostState}). A name this
 * class did not write is logged once and left alone. Thread-safe: one lock over the ledger and the files.
 */
final class HygonVdcus implements PodHostState {
    private static final Logger LOG = LoggerFactory.getLogger(HygonVdcus.class);

    /** Where a container sees its vDCU's directory, and the DTK. */
    static final String CONTAINER_DIRECTORY = "/etc/vdev/docker/";
    static final String CONTAINER_DTK = "/opt/hygondriver";
    /** The container's configuration file in its directory. */
    static final String CONTAINER_CONFIG = "vdev0.conf";

    /** A card's compute units. */
    @FunctionalInterface
    interface ComputeUnits {
        /**
         * @throws IllegalArgumentException when they cannot be read
         */
        int of(PhysicalDevice card);
    }

    private final VendorPlugins.HygonSettings settings;
    private final ComputeUnits computeUnits;
    private final VdcuLedger ledger = new VdcuLedger();
    private final Set<String> reported = new HashSet<>();

    /**
     * The vDCUs the host holds, read from the directory names under {@code settings.vdcuDirectory()}.
     *
     * @throws IOException when that directory exists but cannot be listed
     */
    HygonVdcus(VendorPlugins.HygonSettings settings, ComputeUnits computeUnits) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.computeUnits = Objects.requireNonNull(computeUnits, "computeUnits");
        synchronized (this) {
            onDisk().forEach(ledger::add);
            if (!ledger.held().isEmpty()) {
                LOG.info("{} vDCU(s) in use under {}: {}", ledger.held().size(), settings.vdcuDirectory(),
                        ledger.held().stream().map(VdcuDirectory::name).toList());
            }
        }
    }

    /**
     * Reserves a vDCU of {@code share} on {@code card} for {@code container}: {@code usedCores * units / 100} of the
     * card's compute units, {@code usedMem} MiB.
     *
     * @throws IllegalArgumentException when the card's compute units or PCI address are unknown, it has too few free
     *                                  units, or no vdev or pipe id is left
     */
    synchronized HostClaim claim(ContainerIdentity container, PhysicalDevice card, ContainerDevice share) {
        var pciBusId = pciBusId(card);
        int units = computeUnits.of(card);
        long count = (long) share.usedCores() * units / 100;
        var vdcu = ledger.reserve(container, card.index(), "card " + card.uuid() + " (index " + card.index() + ")",
                units, (int) Math.min(count, Integer.MAX_VALUE));
        return new Claim(vdcu, pciBusId, (int) count, share.usedMem());
    }

    /**
     * The card's PCI address as HAMi's plugin writes it into the configuration: upper-case hex,
     * {@code 0000:B3:00.0}, from the address the library reported.
     */
    static String pciBusId(PhysicalDevice card) {
        var address = card.pciBusId().flatMap(PciAddress::parse).orElseThrow(() -> new IllegalArgumentException(
                "card " + card.uuid() + " has no known PCI address, which its vDCU configuration names"));
        return String.format(Locale.ROOT, "%04X:%02X:%02X.%X", Integer.toUnsignedLong(address.domain()), address.bus(),
                address.device(), address.function());
    }

    /** A vDCU's configuration file: nine lines in this order, each ended by a line feed. */
    static String config(String pciBusId, VdcuDirectory vdcu, int cuCount, int memoryMiB, int deviceId) {
        return "PciBusId: " + pciBusId + "\n"
                + "cu_mask: 0x" + vdcu.masks().firstHex() + "\n"
                + "cu_mask: 0x" + vdcu.masks().secondHex() + "\n"
                + "cu_count: " + cuCount + "\n"
                + "mem: " + memoryMiB + " MiB\n"
                + "device_id: " + deviceId + "\n"
                + "vdev_id: " + vdcu.vdev() + "\n"
                + "pipe_id: " + vdcu.pipe() + "\n"
                + "enable: 1\n";
    }

    /** The vDCUs held now, reserved or found on the host. */
    synchronized List<VdcuDirectory> held() {
        return List.copyOf(ledger.held());
    }

    @Override
    public synchronized Set<String> podUids() throws IOException {
        var uids = new HashSet<String>();
        onDisk().forEach(v -> uids.add(v.container().podUid()));
        ledger.held().forEach(v -> uids.add(v.container().podUid()));
        return uids;
    }

    @Override
    public synchronized void releaseGone(Set<String> gone) {
        var all = new ArrayList<>(ledger.held());
        try {
            all.addAll(onDisk());
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", settings.vdcuDirectory(), e.toString());
        }
        all.stream().filter(v -> gone.contains(v.container().podUid())).distinct().forEach(this::free);
    }

    /** The vDCUs whose directories are on the host; other names are logged once and left alone. */
    private List<VdcuDirectory> onDisk() throws IOException {
        var out = new ArrayList<VdcuDirectory>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(settings.vdcuDirectory())) {
            for (var entry : entries) {
                var name = entry.getFileName().toString();
                var vdcu = VdcuDirectory.parse(name);
                if (vdcu.isEmpty()) {
                    report(name, "not a vDCU directory name (<podUID>_<container>_<card>_<pipe>_<vdev>_<mask>_<mask>)");
                } else if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    report(name, "not a directory");
                } else {
                    out.add(vdcu.get());
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return out;
    }

    private void report(String name, String why) {
        if (reported.add(name)) {
            LOG.warn("{}: {}; left alone", settings.vdcuDirectory().resolve(name), why);
        }
    }

    private Path directory(VdcuDirectory vdcu) {
        return settings.vdcuDirectory().resolve(vdcu.name());
    }

    private Path exporterCopy(VdcuDirectory vdcu) {
        return settings.vdevDirectory().resolve("vdev" + vdcu.vdev() + ".conf");
    }

    /** Deletes a vDCU's copy, then its directory (the record last), then frees its ids; what fails stays held. */
    private void free(VdcuDirectory vdcu) {
        try {
            if (Files.isDirectory(settings.vdevDirectory())) { // else no copy can be there
                Files.deleteIfExists(exporterCopy(vdcu));
            }
            ContainerDirectories.remove(directory(vdcu));
            ledger.remove(vdcu);
            LOG.info("released vDCU {}", vdcu.name());
        } catch (IOException e) {
            ledger.add(vdcu);
            LOG.warn("cannot release vDCU {} (its ids stay in use): {}", vdcu.name(), e.toString());
        }
    }

    private static void writeConfig(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** One container's vDCU, reserved in the ledger until released. */
    private final class Claim implements HostClaim {
        private final VdcuDirectory vdcu;
        private final String pciBusId;
        private final int cuCount;
        private final int memoryMiB;

        Claim(VdcuDirectory vdcu, String pciBusId, int cuCount, int memoryMiB) {
            this.vdcu = vdcu;
            this.pciBusId = pciBusId;
            this.cuCount = cuCount;
            this.memoryMiB = memoryMiB;
        }

        @Override
        public List<Mount> mounts() {
            return List.of(new Mount(CONTAINER_DIRECTORY, directory(vdcu).toString(), Mount.Kind.DIRECTORY, false),
                    new Mount(CONTAINER_DTK, settings.dtk().toString(), Mount.Kind.DIRECTORY, true));
        }

        @Override
        public void write() throws IOException {
            synchronized (HygonVdcus.this) {
                if (!ledger.holds(vdcu)) {
                    throw new IOException("vDCU " + vdcu.name() + " was released before it was written (its pod is gone)");
                }
                Files.createDirectories(settings.vdcuDirectory());
                var dir = directory(vdcu);
                ContainerDirectories.remove(dir);
                ContainerDirectories.ensureShared(dir);
                writeConfig(dir.resolve(CONTAINER_CONFIG), config(pciBusId, vdcu, cuCount, memoryMiB, 0));
                Files.createDirectories(settings.vdevDirectory());
                writeConfig(exporterCopy(vdcu), config(pciBusId, vdcu, cuCount, memoryMiB, vdcu.device()));
            }
        }

        @Override
        public void release() {
            synchronized (HygonVdcus.this) {
                if (ledger.holds(vdcu)) {
                    free(vdcu);
                }
            }
        }
    }
}
