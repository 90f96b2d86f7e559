package io.hami.bindings.dcmi;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.Members;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.UnionLayout;
import java.nio.charset.StandardCharsets;
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

    private DcmiLayouts() {
    }

    /** The die id as HAMi and mind-cluster write it: five words, each 8 upper-case hex digits, joined by '-'. */
    static String dieId(MemorySegment s) {
        var hex = HexFormat.of().withUpperCase();
        return IntStream.range(0, 5).mapToObj(i -> hex.toHexDigits(s.getAtIndex(JAVA_INT, i))).collect(Collectors.joining("-"));
    }

    static DcmiChipInfo chipInfo(MemorySegment s) {
        return new DcmiChipInfo(Members.string(CHIP_INFO, s, "chip_type"), Members.string(CHIP_INFO, s, "chip_name"),
                Members.string(CHIP_INFO, s, "chip_ver"), Members.i32(CHIP_INFO, s, "aicore_cnt"));
    }

    static PciAddress pci(MemorySegment s) {
        return new PciAddress(Members.i32(PCIE_INFO, s, "domain"), Members.i32(PCIE_INFO, s, "bdf_busid"),
                Members.i32(PCIE_INFO, s, "bdf_deviceid"), Members.i32(PCIE_INFO, s, "bdf_funcid"));
    }

    static DcmiMemory hbm(MemorySegment s) {
        return new DcmiMemory(Members.i64(HBM_INFO, s, "memory_size"), Members.i64(HBM_INFO, s, "memory_usage"));
    }

    /** Used = size - available, as DCMI reports what is free. */
    static DcmiMemory memory(MemorySegment s) {
        long size = Members.i64(MEMORY_INFO, s, "memory_size");
        return new DcmiMemory(size, size - Math.min(size, Members.i64(MEMORY_INFO, s, "memory_available")));
    }

    static void filter(MemorySegment s, DcmiEventFilter f) {
        Members.setI64(EVENT_FILTER, s, "filter_flag", f.flags());
        Members.setI32(EVENT_FILTER, s, "event_id", (int) f.eventId().orElse(0));
        Members.setU8(EVENT_FILTER, s, "severity", f.minimumSeverity().orElse(0));
        Members.setU8(EVENT_FILTER, s, "node_type", f.nodeType().orElse(0));
    }

    /** The fault event of a {@code dcmi_event} the callback received. */
    static DcmiFaultEvent faultEvent(MemorySegment event) {
        var e = event.asSlice(EVENT.byteOffset(groupElement("event_t"), groupElement("dms_event")), FAULT_EVENT.byteSize());
        return new DcmiFaultEvent(Integer.toUnsignedLong(Members.i32(FAULT_EVENT, e, "event_id")),
                Members.u16(FAULT_EVENT, e, "deviceid"), Members.u8(FAULT_EVENT, e, "node_type"), Members.u8(FAULT_EVENT, e, "node_id"),
                Members.u8(FAULT_EVENT, e, "sub_node_type"), Members.u8(FAULT_EVENT, e, "sub_node_id"),
                Members.u8(FAULT_EVENT, e, "severity"), Members.u8(FAULT_EVENT, e, "assertion"),
                Members.i32(FAULT_EVENT, e, "event_serial_num"), Members.i32(FAULT_EVENT, e, "notify_serial_num"),
                Instant.ofEpochSecond(Members.i64(FAULT_EVENT, e, "alarm_raised_time")),
                Members.string(FAULT_EVENT, e, "event_name"), Members.string(FAULT_EVENT, e, "additional_info"));
    }

    static void vdevRequest(MemorySegment s, String template, int vdevId, int vfgId) {
        Members.setI32(VDEV_RES, s, "vdev_id", vdevId);
        Members.setI32(VDEV_RES, s, "vfg_id", vfgId);
        Members.setBytes(VDEV_RES, s, "template_name", template.getBytes(StandardCharsets.UTF_8));
    }

    static DcmiVnpu vnpu(MemorySegment s) {
        return new DcmiVnpu(Members.i32(VDEV_OUT, s, "vdev_id"), Members.i32(VDEV_OUT, s, "vfg_id"),
                Members.i32(VDEV_OUT, s, "pcie_bus"), Members.i32(VDEV_OUT, s, "pcie_device"), Members.i32(VDEV_OUT, s, "pcie_func"));
    }
}
