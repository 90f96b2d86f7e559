package io.hami.bindings.dcmi;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.CStrings;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.UnionLayout;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The C structs of our {@code hami/dcmi.h} as FFM layouts (gcc, LP64), named after their typedefs with members
 * named as in C; DcmiLayoutTest proves each against the C probe. Readers copy a struct into a record.
 */
final class DcmiLayouts {

    static final int DCMI_MAX_CARDS = 64;
    static final int VDIE = 1;
    static final int DCMI_UTILIZATION_AICORE = 2;
    static final int TEMPLATE_NAME_SIZE = 32;

    private static MemoryLayout bytes(int n, String name) {
        return MemoryLayout.sequenceLayout(n, JAVA_BYTE).withName(name);
    }

    static final StructLayout CHIP_INFO = MemoryLayout.structLayout(
            bytes(32, "chip_type"),
            bytes(32, "chip_name"),
            bytes(32, "chip_ver"),
            JAVA_INT.withName("aicore_cnt")).withName("dcmi_chip_info_t");

    static final StructLayout PCIE_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("venderid"),
            JAVA_INT.withName("subvenderid"),
            JAVA_INT.withName("deviceid"),
            JAVA_INT.withName("subdeviceid"),
            JAVA_INT.withName("domain"),
            JAVA_INT.withName("bdf_busid"),
            JAVA_INT.withName("bdf_deviceid"),
            JAVA_INT.withName("bdf_funcid"),
            bytes(32, "reserve")).withName("dcmi_pcie_info_all_t");

    static final StructLayout DIE_ID = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(5, JAVA_INT).withName("soc_die")).withName("dcmi_die_id_t");

    static final StructLayout HBM_INFO = MemoryLayout.structLayout(
            JAVA_LONG.withName("memory_size"),
            JAVA_INT.withName("freq"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("memory_usage"),
            JAVA_INT.withName("temp"),
            JAVA_INT.withName("bandwith_util_rate")).withName("dcmi_hbm_info_t");

    /** 112 bytes on LP64, whatever Huawei's comment says (96). */
    static final StructLayout MEMORY_INFO = MemoryLayout.structLayout(
            JAVA_LONG.withName("memory_size"),
            JAVA_LONG.withName("memory_available"),
            JAVA_INT.withName("freq"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("hugepagesize"),
            JAVA_LONG.withName("hugepages_total"),
            JAVA_LONG.withName("hugepages_free"),
            JAVA_INT.withName("utiliza"),
            bytes(60, "reserve")).withName("dcmi_get_memory_info_stru_t");

    /** Passed by value to {@code dcmi_subscribe_fault_event}. */
    static final StructLayout EVENT_FILTER = MemoryLayout.structLayout(
            JAVA_LONG.withName("filter_flag"),
            JAVA_INT.withName("event_id"),
            JAVA_BYTE.withName("severity"),
            JAVA_BYTE.withName("node_type"),
            bytes(32, "resv"),
            MemoryLayout.paddingLayout(2)).withName("dcmi_event_filter_t");

    static final StructLayout FAULT_EVENT = MemoryLayout.structLayout(
            JAVA_INT.withName("event_id"),
            JAVA_SHORT.withName("deviceid"),
            JAVA_BYTE.withName("node_type"),
            JAVA_BYTE.withName("node_id"),
            JAVA_BYTE.withName("sub_node_type"),
            JAVA_BYTE.withName("sub_node_id"),
            JAVA_BYTE.withName("severity"),
            JAVA_BYTE.withName("assertion"),
            JAVA_INT.withName("event_serial_num"),
            JAVA_INT.withName("notify_serial_num"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("alarm_raised_time"),
            bytes(256, "event_name"),
            bytes(32, "additional_info"),
            bytes(32, "resv")).withName("dcmi_dms_fault_event_t");

    static final UnionLayout EVENT_UNION = MemoryLayout.unionLayout(FAULT_EVENT.withName("dms_event"));

    /** What the callback receives a pointer to. */
    static final StructLayout EVENT = MemoryLayout.structLayout(
            JAVA_INT.withName("type"),
            MemoryLayout.paddingLayout(4),
            EVENT_UNION.withName("event_t")).withName("dcmi_event_t");

    static final StructLayout VDEV_RES = MemoryLayout.structLayout(
            JAVA_INT.withName("vdev_id"),
            JAVA_INT.withName("vfg_id"),
            bytes(TEMPLATE_NAME_SIZE, "template_name"),
            bytes(64, "reserved")).withName("dcmi_create_vdev_res_stru_t");

    static final StructLayout VDEV_OUT = MemoryLayout.structLayout(
            JAVA_INT.withName("vdev_id"),
            JAVA_INT.withName("pcie_bus"),
            JAVA_INT.withName("pcie_device"),
            JAVA_INT.withName("pcie_func"),
            JAVA_INT.withName("vfg_id"),
            bytes(32, "reserved")).withName("dcmi_create_vdev_out_t");

    private static final long CHIP_TYPE = CHIP_INFO.byteOffset(groupElement("chip_type"));
    private static final long CHIP_NAME = CHIP_INFO.byteOffset(groupElement("chip_name"));
    private static final long CHIP_VER = CHIP_INFO.byteOffset(groupElement("chip_ver"));
    private static final VarHandle AICORE = field(CHIP_INFO, "aicore_cnt");
    private static final VarHandle PCI_DOMAIN = field(PCIE_INFO, "domain");
    private static final VarHandle PCI_BUS = field(PCIE_INFO, "bdf_busid");
    private static final VarHandle PCI_DEVICE = field(PCIE_INFO, "bdf_deviceid");
    private static final VarHandle PCI_FUNCTION = field(PCIE_INFO, "bdf_funcid");
    private static final VarHandle HBM_SIZE = field(HBM_INFO, "memory_size");
    private static final VarHandle HBM_USAGE = field(HBM_INFO, "memory_usage");
    private static final VarHandle MEMORY_SIZE = field(MEMORY_INFO, "memory_size");
    private static final VarHandle MEMORY_AVAILABLE = field(MEMORY_INFO, "memory_available");
    private static final VarHandle FILTER_FLAG = field(EVENT_FILTER, "filter_flag");
    private static final VarHandle FILTER_EVENT_ID = field(EVENT_FILTER, "event_id");
    private static final VarHandle FILTER_SEVERITY = field(EVENT_FILTER, "severity");
    private static final VarHandle FILTER_NODE_TYPE = field(EVENT_FILTER, "node_type");
    private static final long DMS_EVENT = EVENT.byteOffset(groupElement("event_t"), groupElement("dms_event"));
    private static final VarHandle VDEV_ID = field(VDEV_RES, "vdev_id");
    private static final VarHandle VFG_ID = field(VDEV_RES, "vfg_id");
    private static final long TEMPLATE_NAME = VDEV_RES.byteOffset(groupElement("template_name"));
    private static final VarHandle OUT_VDEV_ID = field(VDEV_OUT, "vdev_id");
    private static final VarHandle OUT_VFG_ID = field(VDEV_OUT, "vfg_id");
    private static final VarHandle OUT_BUS = field(VDEV_OUT, "pcie_bus");
    private static final VarHandle OUT_DEVICE = field(VDEV_OUT, "pcie_device");
    private static final VarHandle OUT_FUNCTION = field(VDEV_OUT, "pcie_func");

    private DcmiLayouts() {
    }

    private static VarHandle field(StructLayout layout, String name) {
        return layout.varHandle(groupElement(name));
    }

    /** The die id as HAMi and mind-cluster write it: five words, each 8 upper-case hex digits, joined by '-'. */
    static String dieId(MemorySegment s) {
        var hex = HexFormat.of().withUpperCase();
        return IntStream.range(0, 5).mapToObj(i -> hex.toHexDigits(s.getAtIndex(JAVA_INT, i))).collect(Collectors.joining("-"));
    }

    static DcmiChipInfo chipInfo(MemorySegment s) {
        return new DcmiChipInfo(CStrings.read(s, CHIP_TYPE, 32), CStrings.read(s, CHIP_NAME, 32),
                CStrings.read(s, CHIP_VER, 32), (int) AICORE.get(s, 0L));
    }

    static PciAddress pci(MemorySegment s) {
        return new PciAddress((int) PCI_DOMAIN.get(s, 0L), (int) PCI_BUS.get(s, 0L), (int) PCI_DEVICE.get(s, 0L),
                (int) PCI_FUNCTION.get(s, 0L));
    }

    static DcmiMemory hbm(MemorySegment s) {
        return new DcmiMemory((long) HBM_SIZE.get(s, 0L), (long) HBM_USAGE.get(s, 0L));
    }

    /** Used = size - available, as DCMI reports what is free. */
    static DcmiMemory memory(MemorySegment s) {
        long size = (long) MEMORY_SIZE.get(s, 0L);
        return new DcmiMemory(size, size - Math.min(size, (long) MEMORY_AVAILABLE.get(s, 0L)));
    }

    static void filter(MemorySegment s, DcmiEventFilter f) {
        FILTER_FLAG.set(s, 0L, f.flags());
        FILTER_EVENT_ID.set(s, 0L, (int) f.eventId().orElse(0));
        FILTER_SEVERITY.set(s, 0L, (byte) f.minimumSeverity().orElse(0));
        FILTER_NODE_TYPE.set(s, 0L, (byte) f.nodeType().orElse(0));
    }

    /** The fault event of a {@code dcmi_event} the callback received. */
    static DcmiFaultEvent faultEvent(MemorySegment event) {
        var e = event.asSlice(DMS_EVENT, FAULT_EVENT.byteSize());
        return new DcmiFaultEvent(Integer.toUnsignedLong(e.get(JAVA_INT, offset("event_id"))),
                Short.toUnsignedInt(e.get(JAVA_SHORT, offset("deviceid"))), u8(e, "node_type"), u8(e, "node_id"),
                u8(e, "sub_node_type"), u8(e, "sub_node_id"), u8(e, "severity"), u8(e, "assertion"),
                e.get(JAVA_INT, offset("event_serial_num")), e.get(JAVA_INT, offset("notify_serial_num")),
                Instant.ofEpochSecond(e.get(JAVA_LONG, offset("alarm_raised_time"))),
                CStrings.read(e, offset("event_name"), 256), CStrings.read(e, offset("additional_info"), 32));
    }

    private static long offset(String member) {
        return FAULT_EVENT.byteOffset(groupElement(member));
    }

    private static int u8(MemorySegment e, String member) {
        return Byte.toUnsignedInt(e.get(JAVA_BYTE, offset(member)));
    }

    static void vdevRequest(MemorySegment s, String template, int vdevId, int vfgId) {
        VDEV_ID.set(s, 0L, vdevId);
        VFG_ID.set(s, 0L, vfgId);
        var name = template.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MemorySegment.copy(name, 0, s, JAVA_BYTE, TEMPLATE_NAME, name.length);
    }

    static DcmiVnpu vnpu(MemorySegment s) {
        return new DcmiVnpu((int) OUT_VDEV_ID.get(s, 0L), (int) OUT_VFG_ID.get(s, 0L), (int) OUT_BUS.get(s, 0L),
                (int) OUT_DEVICE.get(s, 0L), (int) OUT_FUNCTION.get(s, 0L));
    }
}
