package io.hami.bindings.nvml;

import io.hami.bindings.discovery.SysfsNuma;
import io.hami.bindings.ffm.SessionCounter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The NVML facade: values and typed exceptions over an {@link NvmlApi}. A failed call throws
 * {@link NvmlException} ({@link NvmlGpuLostException} for a lost GPU); a fact the device or driver does not
 * offer is an empty optional, never 0.
 *
 * <p>Initialisation is reference-counted: {@link #start()} initialises NVML when no session is open, and the
 * last {@link Session#close()} shuts it down; a failed init is never followed by a shutdown. Thread-safe.
 */
public final class Nvml {

    private static final Pattern SYSFS_PCI_NAME = Pattern.compile("[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");

    private final NvmlApi api;
    private final SysfsNuma sysfs;
    private final SessionCounter sessions;

    /** A facade that reads NUMA nodes the driver does not report from {@code sysfsRoot} (normally {@code /sys}). */
    public Nvml(NvmlApi api, Path sysfsRoot) {
        this.api = api;
        this.sysfs = new SysfsNuma(sysfsRoot);
        this.sessions = new SessionCounter(() -> api.init().orThrow(), () -> api.shutdown().orThrow());
    }

    /** A facade over the FFM binding of {@code library}, with {@code /sys} for NUMA fallbacks. */
    public static Nvml open(String library) {
        return open(library, Path.of("/sys"));
    }

    /** NVML through the FFM binding of {@code library}, reading sysfs under {@code sysfsRoot}. */
    public static Nvml open(String library, Path sysfsRoot) {
        return new Nvml(FfmNvml.open(library), sysfsRoot);
    }

    /** The API this facade calls. */
    public NvmlApi api() {
        return api;
    }

    /** One user's hold on an initialised NVML; closing it twice is harmless. */
    public final class Session implements AutoCloseable {
        private final SessionCounter.Hold hold;

        private Session(SessionCounter.Hold hold) {
            this.hold = hold;
        }

        /** Releases this hold; the last one shuts NVML down. */
        @Override
        public void close() {
            hold.close();
        }
    }

    /**
     * Opens a session, initialising NVML if none is open.
     *
     * @throws NvmlException when init fails (e.g. {@code DRIVER_NOT_LOADED}); nothing is left to close then
     */
    public Session start() {
        return new Session(sessions.start());
    }

    /** The number of open sessions. */
    public int sessions() {
        return sessions.sessions();
    }

    public String driverVersion() {
        return api.systemDriverVersion().orThrow();
    }

    public String nvmlVersion() {
        return api.systemNvmlVersion().orThrow();
    }

    /** E.g. 12040 for CUDA 12.4. */
    public int cudaDriverVersion() {
        return api.systemCudaDriverVersion().orThrow();
    }

    public int deviceCount() {
        return api.deviceCount().orThrow();
    }

    public NvmlDevice device(int index) {
        return api.deviceHandleByIndex(index).orThrow();
    }

    public NvmlDevice deviceByUuid(String uuid) {
        return api.deviceHandleByUuid(uuid).orThrow();
    }

    public String uuid(NvmlDevice d) {
        return api.deviceUuid(d).orThrow();
    }

    public String name(NvmlDevice d) {
        return api.deviceName(d).orThrow();
    }

    public Optional<String> serial(NvmlDevice d) {
        return api.deviceSerial(d).optional();
    }

    public int minor(NvmlDevice d) {
        return api.deviceMinorNumber(d).orThrow();
    }

    /**
     * Memory from {@code nvmlDeviceGetMemoryInfo_v2}, or from the plain call when the driver lacks the v2 one
     * (or rejects its version); empty on unified-memory parts that support neither.
     */
    public Optional<MemoryInfo> memory(NvmlDevice d) {
        var v2 = api.deviceMemoryInfoV2(d);
        if (v2.ok()) {
            return Optional.of(v2.value());
        }
        if (v2.absent() || v2.status() == NvmlReturn.ARGUMENT_VERSION_MISMATCH) {
            return api.deviceMemoryInfo(d).optional();
        }
        throw NvmlException.of(v2.symbol(), v2.code());
    }

    public Optional<Bar1Memory> bar1Memory(NvmlDevice d) {
        return api.deviceBar1MemoryInfo(d).optional();
    }

    public PciInfo pciInfo(NvmlDevice d) {
        return api.devicePciInfo(d).orThrow();
    }

    /**
     * The device's NUMA node: {@code nvmlDeviceGetNumaNodeId} where the driver has it, else
     * {@code <sysfs>/bus/pci/devices/<bus id>/numa_node} as HAMi reads it; empty when neither knows (a
     * negative node in sysfs means the machine has no NUMA).
     */
    public OptionalInt numaNode(NvmlDevice d) {
        var r = api.deviceNumaNodeId(d);
        if (r.ok()) {
            return OptionalInt.of(r.value());
        }
        if (!r.absent()) {
            throw NvmlException.of(r.symbol(), r.code());
        }
        var name = pciInfo(d).sysfsName();
        return SYSFS_PCI_NAME.matcher(name).matches() ? sysfs.node(name) : OptionalInt.empty();
    }

    public Optional<Utilization> utilization(NvmlDevice d) {
        return api.deviceUtilizationRates(d).optional();
    }

    /** Compute processes, read with the newest process-list call the driver has. */
    public Optional<List<ProcessInfo>> computeProcesses(NvmlDevice d) {
        return api.deviceComputeRunningProcesses(d).optional();
    }

    /** GPU die temperature in degrees Celsius. */
    public OptionalInt temperature(NvmlDevice d) {
        return api.deviceTemperature(d).optional().map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** Board power draw in milliwatts. */
    public OptionalInt powerUsage(NvmlDevice d) {
        return api.devicePowerUsage(d).optional().map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** MIG: profiles, placements, MIG devices, instance creation. */
    public NvmlMig mig() {
        return new NvmlMig(api);
    }

    /** Empty on GPUs without MIG. */
    public Optional<MigMode> migMode(NvmlDevice d) {
        return api.deviceMigMode(d).optional();
    }

    public Optional<DeviceArchitecture> architecture(NvmlDevice d) {
        return api.deviceArchitecture(d).optional().map(DeviceArchitecture::fromCode);
    }

    public Optional<ComputeCapability> computeCapability(NvmlDevice d) {
        return api.deviceCudaComputeCapability(d).optional();
    }

    /** A new event set; register devices on it, then wait. Close it to free the set. */
    public NvmlEventWatch watch() {
        return new NvmlEventWatch(api, api.eventSetCreate().orThrow());
    }

    /**
     * Every device with the facts {@code hami devices} shows. A device that fails (a lost GPU) is listed as
     * unhealthy with what could be read and its error; the others are listed as usual.
     *
     * @throws NvmlException when the device count itself cannot be read
     */
    public List<DeviceSummary> survey() {
        return discovery().survey().stream().map(DeviceSummary::of).toList();
    }

    /** NVLinks a GPU has at most ({@code NVML_NVLINK_MAX_LINKS}). */
    public static final int NVLINK_MAX_LINKS = 18;

    /**
     * How every GPU reaches every other, from the first's side, for every ordered pair of the devices NVML lists
     * (docs/vendors.md, "NVIDIA — NVML topology"): the common ancestor, and the NVLinks. A device or link where NVML
     * answers {@code NOT_SUPPORTED} or {@code INVALID_ARGUMENT} has no NVLinks there (a PCIe board; a link number
     * the part lacks); an inactive link counts for nothing.
     *
     * @throws NvmlException when any other call fails, as HAMi's scoring fails then
     */
    public List<GpuPairLinks> links() {
        int count = deviceCount();
        var handles = new ArrayList<NvmlDevice>();
        var uuids = new ArrayList<String>();
        var busIds = new ArrayList<String>();
        var remotes = new ArrayList<List<String>>();
        var switchLinks = new ArrayList<Integer>();
        for (int i = 0; i < count; i++) {
            NvmlDevice d = device(i);
            handles.add(d);
            uuids.add(uuid(d));
            busIds.add(pciInfo(d).busId().toLowerCase(java.util.Locale.ROOT));
            var far = new ArrayList<String>();
            int switches = 0;
            for (int link = 0; link < NVLINK_MAX_LINKS; link++) {
                var active = linkResult(api.deviceNvLinkActive(d, link));
                if (active.isEmpty() || !active.get()) {
                    continue;
                }
                linkResult(api.deviceNvLinkRemotePciInfo(d, link))
                        .ifPresent(pci -> far.add(pci.busId().toLowerCase(java.util.Locale.ROOT)));
                if (linkResult(api.deviceNvLinkRemoteDeviceType(d, link)).orElse(NvLinkRemote.UNKNOWN) == NvLinkRemote.SWITCH) {
                    switches++;
                }
            }
            remotes.add(far);
            switchLinks.add(switches);
        }
        var pairs = new ArrayList<GpuPairLinks>();
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < count; j++) {
                if (i == j) {
                    continue;
                }
                int level = api.deviceTopologyCommonAncestor(handles.get(i), handles.get(j)).orThrow();
                String target = busIds.get(j);
                int direct = (int) remotes.get(i).stream().filter(target::equals).count();
                boolean viaSwitch = direct == 0 && !remotes.get(i).isEmpty() && switchLinks.get(i) > 0
                        && switchLinks.get(j) > 0;
                int nvlinks = direct > 0 ? direct : viaSwitch ? Math.min(switchLinks.get(i), switchLinks.get(j)) : 0;
                pairs.add(new GpuPairLinks(uuids.get(i), uuids.get(j), TopologyLevel.fromCode(level), nvlinks, viaSwitch));
            }
        }
        return pairs;
    }

    /** A link call's value; empty where the part has no such link ({@code NOT_SUPPORTED}, {@code INVALID_ARGUMENT}). */
    private static <T> Optional<T> linkResult(NvmlResult<T> r) {
        if (r.ok()) {
            return Optional.ofNullable(r.value());
        }
        if (r.absent() || r.status() == NvmlReturn.INVALID_ARGUMENT) {
            return Optional.empty();
        }
        throw NvmlException.of(r.symbol(), r.code());
    }

    /**
     * This NVML as the shared discovery of every vendor sees it: the same survey, with utilization and device
     * nodes, in a session of its own.
     */
    public NvmlDiscovery discovery() {
        return new NvmlDiscovery(this, api instanceof FfmNvml ffm ? ffm.library() : api.toString());
    }
}
