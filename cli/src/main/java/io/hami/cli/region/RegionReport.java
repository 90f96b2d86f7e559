package io.hami.cli.region;

import io.hami.bindings.region.ProcessSlot;
import io.hami.bindings.region.RegionSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code hami region dump} shows of a snapshot, also its JSON form: the devices in use (below
 * {@code device_num}, or with a limit, a uuid or booked memory), limits and usage in MiB and bytes, and the
 * active processes. A version the reader does not know is said on the line after the first ({@code versionNote}).
 */
record RegionReport(String file, String layout, String version, boolean knownVersion, String versionNote, long fileSize,
                    int deviceNum, List<Device> devices,
                    int procNum, List<Process> activeProcesses, int staleSlots,
                    int utilizationSwitch, int recentKernel, Integer priority, int rawPriority, Long lastKernelTime) {

    static final long MIB = 1 << 20;
    /** Marks usage that includes a slot the reader could not copy consistently (its last copy, not 0). */
    static final String STALE = "(stale)";


    record Device(int index, String uuid, long limitMiB, long limitBytes, long smLimitPercent,
                  long usedMiB, long usedBytes, boolean usedStale, long smUtilPercent) {
    }

    record Process(int slot, int pid, int hostPid, String status, boolean stale, List<Usage> used) {
    }

    record Usage(int device, long usedMiB, long usedBytes) {
    }

    static RegionReport of(String file, RegionSnapshot snap) {
        var devices = new ArrayList<Device>();
        for (var d : snap.devices()) {
            long used = snap.usedBytes(d.index());
            if (d.index() < snap.deviceCount() || d.limitBytes() != 0 || d.hasUuid() || used != 0) {
                devices.add(new Device(d.index(), d.uuid(), d.limitBytes() / MIB, d.limitBytes(), d.smLimitPercent(),
                        used / MIB, used, snap.usedStale(), snap.smUtil(d.index())));
            }
        }
        var processes = snap.activeSlots().stream().map(RegionReport::process).toList();
        return new RegionReport(file, snap.format().label(), snap.version(), snap.knownVersion(),
                snap.header().unknownVersionNote(), snap.fileSize(),
                snap.deviceCount(), devices,
                snap.procNum(), processes, (int) processes.stream().filter(Process::stale).count(), snap.utilizationSwitch(), snap.recentKernel(),
                snap.priority().isPresent() ? snap.priority().getAsInt() : null, snap.rawPriority(),
                snap.lastKernelTime().isPresent() ? snap.lastKernelTime().getAsLong() : null);
    }

    private static Process process(ProcessSlot slot) {
        var used = new ArrayList<Usage>();
        for (int d = 0; d < slot.used().size(); d++) {
            long total = slot.used(d).total();
            if (total != 0) {
                used.add(new Usage(d, total / MIB, total));
            }
        }
        return new Process(slot.index(), slot.pid(), slot.hostPid(), status(slot.status()), slot.stale(), used);
    }

    private static String status(int status) {
        return switch (status) {
            case 1 -> "running";
            case 2 -> "suspended";
            default -> "status " + status;
        };
    }

    /** The report for people: a few aligned lines. */
    String text() {
        var out = new StringBuilder();
        out.append(file).append(": HAMi-core region, layout ").append(layout).append(" (version ").append(version)
                .append("), ").append(fileSize).append(" bytes\n");
        if (!knownVersion) {
            out.append(versionNote).append('\n');
        }
        out.append("devices: ").append(deviceNum).append(" (device_num)\n");
        out.append(String.format("  %-3s %-42s %10s %8s %10s %7s%n", "dev", "uuid", "limit MiB", "sm limit", "used MiB", "sm util"));
        for (var d : devices) {
            out.append(String.format("  %-3d %-42s %10s %8d %10s %7d%n", d.index(), d.uuid().isEmpty() ? "-" : d.uuid(),
                    d.limitBytes() == 0 ? "unlimited" : Long.toString(d.limitMiB()), d.smLimitPercent(),
                    d.usedMiB() + (d.usedStale() ? " " + STALE : ""), d.smUtilPercent()));
        }
        out.append("processes: ").append(activeProcesses.size()).append(" active of proc_num ").append(procNum);
        if (staleSlots > 0) {
            out.append(", ").append(staleSlots).append(" slot(s) changing too fast to copy consistently: their usage is stale");
        }
        out.append('\n');
        out.append(String.format("  %-5s %-10s %-10s %-10s %s%n", "slot", "pid", "host pid", "status", "used MiB"));
        for (var p : activeProcesses) {
            var used = String.join(" ", p.used().stream().map(u -> "dev" + u.device() + "=" + u.usedMiB()).toList());
            used = (used.isEmpty() ? "-" : used) + (p.stale() ? " " + STALE : "");
            out.append(String.format("  %-5d %-10d %-10s %-10s %s%n", p.slot(), p.pid(),
                    p.hostPid() == 0 ? "-" : Integer.toString(p.hostPid()), p.status(), used));
        }
        out.append("utilization_switch ").append(utilizationSwitch).append(", recent_kernel ").append(recentKernel)
                .append(", priority ").append(priority == null ? rawPriority + " (ignored: not 0..99)" : priority)
                .append(", last_kernel_time ").append(lastKernelTime == null ? "-" : lastKernelTime).append('\n');
        return out.toString();
    }
}
