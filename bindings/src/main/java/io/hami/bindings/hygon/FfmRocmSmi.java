package io.hami.bindings.hygon;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.LibraryLookup;
import io.hami.bindings.ffm.NativeCalls;
import io.hami.bindings.ffm.NativeResult;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * {@link RocmSmiApi} over a {@code librocm_smi64.so.2} (Hygon's, or the mock) through FFM, opened once per
 * process by {@link #open(String)}. Every symbol is resolved once, optionally. Thread-safe.
 */
public final class FfmRocmSmi implements RocmSmiApi {

    /** The soname of Hygon's fork (rocm_smi 2.8). */
    public static final String DEFAULT_LIBRARY = "librocm_smi64.so.2";

    /** rsmi_status_t f(uint32_t dv_ind, T *out). */
    private static final FunctionDescriptor DEVICE_OUT = Downcalls.INDEX_PTR;
    /** rsmi_status_t f(uint32_t dv_ind, rsmi_memory_type_t type, uint64_t *out). */
    private static final FunctionDescriptor DEVICE_TYPE_OUT = Downcalls.status(JAVA_INT, JAVA_INT, ADDRESS);
    private static final int NAME_SIZE = 256;
    private static final int SERIAL_SIZE = 64;
    private static final int MAX_PROCESSES = 4096;

    private final String library;
    private final NativeCalls calls = new NativeCalls(RsmiReturn.STATUSES);
    private final MethodHandle rsmi_init;
    private final MethodHandle rsmi_shut_down;
    private final MethodHandle rsmi_num_monitor_devices;
    private final MethodHandle rsmi_dev_id_get;
    private final MethodHandle rsmi_dev_name_get;
    private final MethodHandle rsmi_dev_serial_number_get;
    private final MethodHandle rsmi_dev_memory_total_get;
    private final MethodHandle rsmi_dev_memory_usage_get;
    private final MethodHandle rsmi_dev_busy_percent_get;
    private final MethodHandle rsmi_dev_pci_id_get;
    private final MethodHandle rsmi_topo_get_numa_node_number;
    private final MethodHandle rsmi_dev_drm_render_minor_get;
    private final MethodHandle rsmi_compute_process_info_get;

    private FfmRocmSmi(String library, Downcalls d) {
        this.library = library;
        rsmi_init = d.bind("rsmi_init", Downcalls.status(JAVA_LONG));
        rsmi_shut_down = d.bind("rsmi_shut_down", Downcalls.VOID);
        rsmi_num_monitor_devices = d.bind("rsmi_num_monitor_devices", Downcalls.PTR);
        rsmi_dev_id_get = d.bind("rsmi_dev_id_get", DEVICE_OUT);
        rsmi_dev_name_get = d.bind("rsmi_dev_name_get", Downcalls.status(JAVA_INT, ADDRESS, JAVA_LONG));
        rsmi_dev_serial_number_get = d.bind("rsmi_dev_serial_number_get", Downcalls.status(JAVA_INT, ADDRESS, JAVA_INT));
        rsmi_dev_memory_total_get = d.bind("rsmi_dev_memory_total_get", DEVICE_TYPE_OUT);
        rsmi_dev_memory_usage_get = d.bind("rsmi_dev_memory_usage_get", DEVICE_TYPE_OUT);
        rsmi_dev_busy_percent_get = d.bind("rsmi_dev_busy_percent_get", DEVICE_OUT);
        rsmi_dev_pci_id_get = d.bind("rsmi_dev_pci_id_get", DEVICE_OUT);
        rsmi_topo_get_numa_node_number = d.bind("rsmi_topo_get_numa_node_number", DEVICE_OUT);
        rsmi_dev_drm_render_minor_get = d.bind("rsmi_dev_drm_render_minor_get", DEVICE_OUT);
        rsmi_compute_process_info_get = d.bind("rsmi_compute_process_info_get", Downcalls.PTR_PTR);
    }

    /**
     * The binding of {@code library} (a name the dynamic linker searches for, or a path), opened on first use and
     * shared afterwards.
     *
     * @throws io.hami.bindings.ffm.NativeLibraryException when it cannot be opened or is not rocm_smi
     */
    public static FfmRocmSmi open(String library) {
        return LibraryLookup.shared(FfmRocmSmi.class, library, l -> new FfmRocmSmi(l,
                new Downcalls(LibraryLookup.open(l, "a ROCm-SMI library", "rsmi_init"), RsmiReturn.FUNCTION_NOT_FOUND.code())));
    }

    /** The library as it was asked for. */
    public String library() {
        return library;
    }

    @Override
    public NativeResult<Void> init() {
        return calls.status("rsmi_init", () -> (int) rsmi_init.invokeExact(0L));
    }

    @Override
    public NativeResult<Void> shutDown() {
        return calls.status("rsmi_shut_down", () -> (int) rsmi_shut_down.invokeExact());
    }

    @Override
    public NativeResult<Integer> deviceCount() {
        return calls.intOut("rsmi_num_monitor_devices", out -> (int) rsmi_num_monitor_devices.invokeExact(out));
    }

    @Override
    public NativeResult<Integer> deviceId(int device) {
        return calls.out("rsmi_dev_id_get", JAVA_SHORT, out -> (int) rsmi_dev_id_get.invokeExact(device, out),
                s -> Short.toUnsignedInt(s.get(JAVA_SHORT, 0)));
    }

    @Override
    public NativeResult<String> name(int device) {
        return calls.string("rsmi_dev_name_get", NAME_SIZE, buf -> (int) rsmi_dev_name_get.invokeExact(device, buf, (long) NAME_SIZE));
    }

    @Override
    public NativeResult<String> serial(int device) {
        return calls.string("rsmi_dev_serial_number_get", SERIAL_SIZE,
                buf -> (int) rsmi_dev_serial_number_get.invokeExact(device, buf, SERIAL_SIZE));
    }

    @Override
    public NativeResult<Long> memoryTotal(int device) {
        return calls.longOut("rsmi_dev_memory_total_get",
                out -> (int) rsmi_dev_memory_total_get.invokeExact(device, HygonLayouts.RSMI_MEM_TYPE_VRAM, out));
    }

    @Override
    public NativeResult<Long> memoryUsed(int device) {
        return calls.longOut("rsmi_dev_memory_usage_get",
                out -> (int) rsmi_dev_memory_usage_get.invokeExact(device, HygonLayouts.RSMI_MEM_TYPE_VRAM, out));
    }

    @Override
    public NativeResult<Integer> busyPercent(int device) {
        return calls.intOut("rsmi_dev_busy_percent_get", out -> (int) rsmi_dev_busy_percent_get.invokeExact(device, out));
    }

    @Override
    public NativeResult<PciAddress> pci(int device) {
        return calls.longOut("rsmi_dev_pci_id_get", out -> (int) rsmi_dev_pci_id_get.invokeExact(device, out))
                .map(HygonLayouts::pci);
    }

    @Override
    public NativeResult<Integer> numaNode(int device) {
        return calls.intOut("rsmi_topo_get_numa_node_number", out -> (int) rsmi_topo_get_numa_node_number.invokeExact(device, out));
    }

    @Override
    public NativeResult<Integer> renderMinor(int device) {
        return calls.intOut("rsmi_dev_drm_render_minor_get", out -> (int) rsmi_dev_drm_render_minor_get.invokeExact(device, out));
    }

    /** rocm_smi answers a NULL array with the count and success, where NVML says "too small": ask again with room. */
    @Override
    public NativeResult<List<RsmiProcess>> processes() {
        int tooSmall = RsmiReturn.INSUFFICIENT_SIZE.code();
        return calls.list("rsmi_compute_process_info_get", tooSmall, MAX_PROCESSES, HygonLayouts.PROCESS_INFO,
                (count, entries, capacity) -> {
                    int rc = (int) rsmi_compute_process_info_get.invokeExact(entries, count);
                    return rc == 0 && capacity == 0 && count.get(JAVA_INT, 0) != 0 ? tooSmall : rc;
                }, HygonLayouts::process);
    }

    @Override
    public String toString() {
        return "FfmRocmSmi[" + library + "]";
    }
}
