package io.hami.cli.devices;

import io.hami.bindings.discovery.DiscoveredDevice;
import io.hami.bindings.discovery.DiscoveredMigDevice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The two outputs of {@code hami devices}: JSON objects with fixed fields, and an aligned table. A GPU in MIG mode
 * has its MIG devices in its object's {@code migDevices} array, and in the table on lines of their own, indented
 * under its line.
 */
final class DeviceTable {

    private static final String[] HEADER = {"VENDOR", "INDEX", "UUID", "NAME", "MEMORY USED/TOTAL (MiB)", "MINOR",
        "PCI BUS ID", "NUMA", "HEALTH", "MIG"};

    /** How far a MIG device's line is indented under its GPU's. */
    static final String MIG_INDENT = "    ";

    private DeviceTable() {
    }

    /** One object per device, with exactly the documented fields; facts that could not be read are null. */
    static List<Map<String, Object>> json(List<DiscoveredDevice> devices) {
        var out = new ArrayList<Map<String, Object>>();
        for (var d : devices) {
            var m = new LinkedHashMap<String, Object>();
            m.put("vendor", d.vendor().id());
            m.put("index", d.index());
            m.put("uuid", d.uuid().orElse(null));
            m.put("name", d.model().orElse(null));
            m.put("memoryTotalMiB", boxed(d.memoryTotalMiB()));
            m.put("memoryUsedMiB", boxed(d.memoryUsedMiB()));
            m.put("minor", boxed(d.minor()));
            m.put("pciBusId", d.pciBusId().orElse(null));
            m.put("numa", boxed(d.numa()));
            m.put("healthy", d.healthy());
            m.put("migEnabled", d.migEnabled().orElse(null));
            m.put("migDevices", d.migDevices().stream().map(DeviceTable::json).toList());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> json(DiscoveredMigDevice mig) {
        var m = new LinkedHashMap<String, Object>();
        m.put("gpuInstanceId", mig.gpuInstanceId());
        m.put("computeInstanceId", mig.computeInstanceId());
        m.put("profile", mig.profile());
        m.put("memoryMiB", mig.memoryMiB());
        m.put("uuid", mig.uuid());
        return m;
    }

    /**
     * A header line and one line per device, columns padded to their widest cell, "-" for what is unknown; under a
     * GPU's line one indented line per MIG device (profile, GPU-instance and compute-instance ids, memory, UUID),
     * aligned with the other MIG lines.
     */
    static List<String> text(List<DiscoveredDevice> devices) {
        var migRows = new ArrayList<String[]>();
        devices.forEach(d -> d.migDevices().forEach(m -> migRows.add(new String[] {
            "MIG " + m.profile(), "GI " + m.gpuInstanceId(), "CI " + m.computeInstanceId(), m.memoryMiB() + " MiB", m.uuid(),
        })));
        var migWidths = widths(migRows, 5);
        var lines = new ArrayList<String>();
        var deviceLines = deviceLines(devices).iterator();
        lines.add(deviceLines.next());
        int migRow = 0;
        for (var d : devices) {
            lines.add(deviceLines.next());
            for (int i = 0; i < d.migDevices().size(); i++) {
                lines.add(MIG_INDENT + line(migRows.get(migRow++), migWidths));
            }
        }
        return lines;
    }

    private static List<String> deviceLines(List<DiscoveredDevice> devices) {
        var rows = new ArrayList<String[]>();
        rows.add(HEADER);
        for (var d : devices) {
            rows.add(new String[] {
                d.vendor().id(),
                String.valueOf(d.index()),
                d.uuid().orElse("-"),
                d.model().orElse("-"),
                text(d.memoryUsedMiB()) + " / " + text(d.memoryTotalMiB()),
                text(d.minor()),
                d.pciBusId().orElse("-"),
                text(d.numa()),
                d.healthy() ? "healthy" : "UNHEALTHY",
                d.migEnabled().map(on -> on ? "enabled" : "disabled").orElse("n/a"),
            });
        }
        var widths = widths(rows, HEADER.length);
        return rows.stream().map(r -> line(r, widths)).toList();
    }

    private static int[] widths(List<String[]> rows, int columns) {
        var widths = new int[columns];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        return widths;
    }

    private static String line(String[] cells, int[] widths) {
        var sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            sb.append(cells[i]);
            if (i < cells.length - 1) {
                sb.append(" ".repeat(widths[i] - cells[i].length() + 2));
            }
        }
        return sb.toString();
    }

    private static Object boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }

    private static Object boxed(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }

    private static String text(OptionalLong v) {
        return v.isPresent() ? String.valueOf(v.getAsLong()) : "-";
    }

    private static String text(OptionalInt v) {
        return v.isPresent() ? String.valueOf(v.getAsInt()) : "-";
    }
}
