package io.hami.testfixtures.nvml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A machine profile of {@code nvml-profiles/*.json} (see its README), read in Java: the same file the C mock
 * reads, so the fake and the mock describe one machine and tests can assert against its numbers. The C mock
 * validates profiles strictly; this reader assumes a valid one.
 *
 * @param name the profile's file name without {@code .json}
 * @param text the JSON text, as the mock is given it
 */
public record NvmlProfile(String name, String text, String driverVersion, String nvmlVersion, int cudaDriverVersion,
                          Map<String, String> faults, List<Gpu> devices, List<Xid> xidEvents) {

    /** The 8 × A100-40GB machine. */
    public static final String EIGHT_A100 = "a100x8";
    /** 8 × H100 SXM5, every pair joined by 18 NVLinks through NVSwitches. */
    public static final String EIGHT_H100_NVSWITCH = "h100x8-nvswitch";
    /** 4 × A100 PCIe, NVLink bridges (12 links) joining 0–1 and 2–3. */
    public static final String FOUR_A100_NVLINK_PAIRS = "a100-pcie-x4-nvlink-pairs";
    /** 2 × V100 on NUMA nodes 0 and 1. */
    public static final String TWO_V100_TWO_NUMA_NODES = "v100x2-numa";
    /** 1 × A100-80GB in MIG mode. */
    public static final String MIG_A100 = "a100-mig";
    /** 2 × A100-SXM4-40GB: device 0 in MIG mode with three instances of three profiles, device 1 with MIG off. */
    public static final String MIG_A100_40GB_MIXED = "a100-40gb-mig-mixed";
    /** 2 × H100 80GB in MIG mode, each with two 3g.40gb instances. */
    public static final String MIG_H100_SINGLE = "h100-mig-single";
    /** 4 × A100, device 1 lost mid-listing, device 2 lost outright. */
    public static final String GPU_LOST = "fault-gpu-lost";
    /** 2 × A100 with queued XID events. */
    public static final String XID_QUEUE = "fault-xid";
    /** Every init fails with DRIVER_NOT_LOADED. */
    public static final String INIT_FAILS = "fault-init";
    /** Every profile of the fixtures. */
    public static final List<String> ALL = List.of(EIGHT_A100, TWO_V100_TWO_NUMA_NODES, MIG_A100, GPU_LOST, XID_QUEUE, INIT_FAILS);

    /** One GPU; empty optionals are facts the profile leaves out (NOT_SUPPORTED). */
    public record Gpu(String uuid, String name, Optional<String> serial, int minor, long memoryTotalMiB,
                      long memoryReservedMiB, long memoryUsedMiB, OptionalLong bar1TotalMiB, long bar1UsedMiB,
                      String pciBusId, int pciDeviceId, int pciSubSystemId, OptionalInt numaNode,
                      Optional<int[]> utilization, OptionalInt temperatureC, OptionalInt powerMilliwatts,
                      Optional<int[]> migMode, OptionalInt architecture, Optional<int[]> computeCapability,
                      long supportedEvents, List<Process> processes, boolean lost, Map<String, String> faults) {
    }

    /** A compute process; {@code usedMiB} empty = not available. */
    public record Process(int pid, OptionalLong usedMiB, OptionalInt gpuInstanceId, OptionalInt computeInstanceId) {
    }

    /** A queued XID event. */
    public record Xid(int device, long xid, OptionalInt gpuInstanceId, OptionalInt computeInstanceId) {
    }

    /** Reads {@code nvml-profiles/<name>.json} from the class path. */
    public static NvmlProfile load(String name) {
        var resource = "/nvml-profiles/" + name + ".json";
        try (InputStream in = NvmlProfile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no NVML profile " + resource + " on the class path");
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A profile from its text (e.g. a fixture profile edited by a test). */
    public static NvmlProfile parse(String name, String text) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("profile " + name + " is not JSON: " + e.getMessage(), e);
        }
        var devices = new ArrayList<Gpu>();
        root.path("devices").forEach(d -> devices.add(gpu(d)));
        var xids = new ArrayList<Xid>();
        root.path("xidEvents").forEach(x -> xids.add(new Xid(x.get("device").asInt(), x.get("xid").asLong(),
                optInt(x, "gpuInstanceId"), optInt(x, "computeInstanceId"))));
        return new NvmlProfile(name, text, root.get("driverVersion").asText(), root.get("nvmlVersion").asText(),
                root.get("cudaDriverVersion").asInt(), faults(root), List.copyOf(devices), List.copyOf(xids));
    }

    private static Gpu gpu(JsonNode d) {
        var processes = new ArrayList<Process>();
        d.path("processes").forEach(p -> processes.add(new Process(p.get("pid").asInt(), optLong(p, "usedMiB"),
                optInt(p, "gpuInstanceId"), optInt(p, "computeInstanceId"))));
        return new Gpu(d.get("uuid").asText(), d.get("name").asText(),
                d.hasNonNull("serial") ? Optional.of(d.get("serial").asText()) : Optional.empty(),
                d.get("minor").asInt(), d.get("memoryTotalMiB").asLong(), d.path("memoryReservedMiB").asLong(0),
                d.get("memoryUsedMiB").asLong(), optLong(d, "bar1TotalMiB"), d.path("bar1UsedMiB").asLong(0),
                canonicalBusId(d.get("pciBusId").asText()), (int) number(d.get("pciDeviceId")),
                d.hasNonNull("pciSubSystemId") ? (int) number(d.get("pciSubSystemId")) : 0,
                optInt(d, "numaNode"), pair(d, "utilization", "gpu", "memory"), optInt(d, "temperatureC"),
                optInt(d, "powerMilliwatts"), pair(d, "migMode", "current", "pending"), optInt(d, "architecture"),
                pair(d, "computeCapability", "major", "minor"),
                d.hasNonNull("supportedEvents") ? d.get("supportedEvents").asLong() : 0xBL,
                List.copyOf(processes), d.path("lost").asBoolean(false), faults(d));
    }

    private static Map<String, String> faults(JsonNode node) {
        var out = new LinkedHashMap<String, String>();
        node.path("faults").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return Map.copyOf(out);
    }

    private static String canonicalBusId(String busId) {
        var p = busId.split("[:.]");
        return String.format("%08X:%02X:%02X.0", Long.parseLong(p[0], 16), Integer.parseInt(p[1], 16), Integer.parseInt(p[2], 16));
    }

    private static long number(JsonNode n) {
        return n.isTextual() ? Long.decode(n.asText()) : n.asLong();
    }

    private static OptionalInt optInt(JsonNode n, String key) {
        return n.hasNonNull(key) ? OptionalInt.of(n.get(key).asInt()) : OptionalInt.empty();
    }

    private static OptionalLong optLong(JsonNode n, String key) {
        return n.hasNonNull(key) ? OptionalLong.of(n.get(key).asLong()) : OptionalLong.empty();
    }

    private static Optional<int[]> pair(JsonNode n, String key, String a, String b) {
        var o = n.get(key);
        return o == null || o.isNull() ? Optional.empty() : Optional.of(new int[] {o.get(a).asInt(), o.get(b).asInt()});
    }
}
