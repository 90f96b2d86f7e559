package io.hami.bindings.dcmi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.LibraryLookup;
import io.hami.bindings.ffm.NativeCalls;
import io.hami.bindings.ffm.NativeResult;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link DcmiApi} over a {@code libdcmi.so} (Huawei's, or the mock) through FFM, opened once per process by
 * {@link #open(String)}. Every symbol is resolved once, optionally. Thread-safe.
 */
public final class FfmDcmi implements DcmiApi {

    /** The name the dynamic linker finds through {@code LD_LIBRARY_PATH} or {@code ldconfig}. */
    public static final String DEFAULT_LIBRARY = "libdcmi.so";

    /** int f(int card, int device, T *out): DCMI's usual shape. */
    private static final FunctionDescriptor CHIP_OUT = Downcalls.status(JAVA_INT, JAVA_INT, ADDRESS);
    /** void callback(struct dcmi_event *event). */
    private static final FunctionDescriptor CALLBACK = FunctionDescriptor.ofVoid(ADDRESS.withTargetLayout(DcmiLayouts.EVENT));
    private static final MethodHandle ON_EVENT;

    static {
        try {
            ON_EVENT = MethodHandles.lookup().findVirtual(DcmiFaultSubscription.class, "onEvent",
                    MethodType.methodType(void.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String library;
    private final NativeCalls calls = new NativeCalls(DcmiReturn.STATUSES);
    private final MethodHandle dcmi_init;
    private final MethodHandle dcmi_get_card_list;
    private final MethodHandle dcmi_get_device_num_in_card;
    private final MethodHandle dcmi_get_card_id_device_id_from_logicid;
    private final MethodHandle dcmi_get_device_phyid_from_logicid;
    private final MethodHandle dcmi_get_device_die_v2;
    private final MethodHandle dcmi_get_device_chip_info;
    private final MethodHandle dcmi_get_device_hbm_info;
    private final MethodHandle dcmi_get_device_memory_info_v3;
    private final MethodHandle dcmi_get_device_utilization_rate;
    private final MethodHandle dcmi_get_device_pcie_info_v2;
    private final MethodHandle dcmi_get_device_health;
    private final MethodHandle dcmi_subscribe_fault_event;
    private final MethodHandle dcmi_create_vdevice;
    private final MethodHandle dcmi_set_destroy_vdevice;

    private FfmDcmi(String library, Downcalls d) {
        this.library = library;
        dcmi_init = d.bind("dcmi_init", Downcalls.VOID);
        dcmi_get_card_list = d.bind("dcmi_get_card_list", Downcalls.status(ADDRESS, ADDRESS, JAVA_INT));
        dcmi_get_device_num_in_card = d.bind("dcmi_get_device_num_in_card", Downcalls.INDEX_PTR);
        dcmi_get_card_id_device_id_from_logicid = d.bind("dcmi_get_card_id_device_id_from_logicid",
                Downcalls.status(ADDRESS, ADDRESS, JAVA_INT));
        dcmi_get_device_phyid_from_logicid = d.bind("dcmi_get_device_phyid_from_logicid", Downcalls.INDEX_PTR);
        dcmi_get_device_die_v2 = d.bind("dcmi_get_device_die_v2", Downcalls.status(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        dcmi_get_device_chip_info = d.bind("dcmi_get_device_chip_info", CHIP_OUT);
        dcmi_get_device_hbm_info = d.bind("dcmi_get_device_hbm_info", CHIP_OUT);
        dcmi_get_device_memory_info_v3 = d.bind("dcmi_get_device_memory_info_v3", CHIP_OUT);
        dcmi_get_device_utilization_rate = d.bind("dcmi_get_device_utilization_rate",
                Downcalls.status(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        dcmi_get_device_pcie_info_v2 = d.bind("dcmi_get_device_pcie_info_v2", CHIP_OUT);
        dcmi_get_device_health = d.bind("dcmi_get_device_health", CHIP_OUT);
        dcmi_subscribe_fault_event = d.bind("dcmi_subscribe_fault_event",
                Downcalls.status(JAVA_INT, JAVA_INT, DcmiLayouts.EVENT_FILTER, ADDRESS));
        dcmi_create_vdevice = d.bind("dcmi_create_vdevice", Downcalls.status(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        dcmi_set_destroy_vdevice = d.bind("dcmi_set_destroy_vdevice", Downcalls.status(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    /**
     * The binding of {@code library} (a name the dynamic linker searches for, or a path), opened on first use and
     * shared afterwards.
     *
     * @throws io.hami.bindings.ffm.NativeLibraryException when it cannot be opened or is not DCMI
     */
    public static FfmDcmi open(String library) {
        return LibraryLookup.shared(FfmDcmi.class, library, l -> new FfmDcmi(l,
                new Downcalls(LibraryLookup.open(l, "a DCMI library", "dcmi_init"), DcmiReturn.FUNCTION_NOT_FOUND.code())));
    }

    /** The library as it was asked for. */
    public String library() {
        return library;
    }

    @Override
    public NativeResult<Void> init() {
        return calls.status("dcmi_init", () -> (int) dcmi_init.invokeExact());
    }

    @Override
    public NativeResult<List<Integer>> cardList() {
        return calls.frame(frame -> {
            var count = frame.allocate(JAVA_INT);
            var cards = frame.allocate(JAVA_INT, DcmiLayouts.DCMI_MAX_CARDS);
            int rc = (int) dcmi_get_card_list.invokeExact(count, cards, DcmiLayouts.DCMI_MAX_CARDS);
            return calls.result("dcmi_get_card_list", rc, () -> {
                var out = new ArrayList<Integer>();
                for (int i = 0; i < Math.clamp(count.get(JAVA_INT, 0), 0, DcmiLayouts.DCMI_MAX_CARDS); i++) {
                    out.add(cards.getAtIndex(JAVA_INT, i));
                }
                return List.copyOf(out);
            });
        });
    }

    @Override
    public NativeResult<Integer> deviceCountInCard(int card) {
        return calls.intOut("dcmi_get_device_num_in_card", out -> (int) dcmi_get_device_num_in_card.invokeExact(card, out));
    }

    @Override
    public NativeResult<DcmiChip> chip(int logicId) {
        return calls.frame(frame -> {
            var card = frame.allocate(JAVA_INT);
            var device = frame.allocate(JAVA_INT);
            int rc = (int) dcmi_get_card_id_device_id_from_logicid.invokeExact(card, device, logicId);
            return calls.result("dcmi_get_card_id_device_id_from_logicid", rc,
                    () -> new DcmiChip(card.get(JAVA_INT, 0), device.get(JAVA_INT, 0), logicId));
        });
    }

    @Override
    public NativeResult<Integer> physicalId(int logicId) {
        return calls.intOut("dcmi_get_device_phyid_from_logicid",
                out -> (int) dcmi_get_device_phyid_from_logicid.invokeExact(logicId, out));
    }

    @Override
    public NativeResult<String> dieId(DcmiChip c) {
        return calls.out("dcmi_get_device_die_v2", DcmiLayouts.DIE_ID,
                out -> (int) dcmi_get_device_die_v2.invokeExact(c.card(), c.device(), DcmiLayouts.VDIE, out), DcmiLayouts::dieId);
    }

    @Override
    public NativeResult<DcmiChipInfo> chipInfo(DcmiChip c) {
        return calls.out("dcmi_get_device_chip_info", DcmiLayouts.CHIP_INFO,
                out -> (int) dcmi_get_device_chip_info.invokeExact(c.card(), c.device(), out), DcmiLayouts::chipInfo);
    }

    @Override
    public NativeResult<DcmiMemory> hbm(DcmiChip c) {
        return calls.out("dcmi_get_device_hbm_info", DcmiLayouts.HBM_INFO,
                out -> (int) dcmi_get_device_hbm_info.invokeExact(c.card(), c.device(), out), DcmiLayouts::hbm);
    }

    @Override
    public NativeResult<DcmiMemory> memory(DcmiChip c) {
        return calls.out("dcmi_get_device_memory_info_v3", DcmiLayouts.MEMORY_INFO,
                out -> (int) dcmi_get_device_memory_info_v3.invokeExact(c.card(), c.device(), out), DcmiLayouts::memory);
    }

    @Override
    public NativeResult<Integer> aiCoreUtilization(DcmiChip c) {
        return calls.intOut("dcmi_get_device_utilization_rate", out -> (int) dcmi_get_device_utilization_rate
                .invokeExact(c.card(), c.device(), DcmiLayouts.DCMI_UTILIZATION_AICORE, out));
    }

    @Override
    public NativeResult<PciAddress> pci(DcmiChip c) {
        return calls.out("dcmi_get_device_pcie_info_v2", DcmiLayouts.PCIE_INFO,
                out -> (int) dcmi_get_device_pcie_info_v2.invokeExact(c.card(), c.device(), out), DcmiLayouts::pci);
    }

    @Override
    public NativeResult<Integer> health(DcmiChip c) {
        return calls.intOut("dcmi_get_device_health", out -> (int) dcmi_get_device_health.invokeExact(c.card(), c.device(), out));
    }

    /** Each subscription gets an upcall stub of its own, in the global arena: the library may call it until exit. */
    @Override
    @SuppressWarnings("restricted") // creating the upcall stub is this method's purpose
    public NativeResult<DcmiFaultSubscription> subscribeFaultEvents(DcmiEventFilter filter, Consumer<DcmiFaultEvent> listener) {
        var subscription = new DcmiFaultSubscription(listener);
        var stub = Linker.nativeLinker().upcallStub(ON_EVENT.bindTo(subscription), CALLBACK, Arena.global());
        return calls.out("dcmi_subscribe_fault_event", DcmiLayouts.EVENT_FILTER, f -> {
            DcmiLayouts.filter(f, filter);
            return (int) dcmi_subscribe_fault_event.invokeExact(-1, -1, f, stub);
        }, f -> subscription);
    }

    @Override
    public NativeResult<DcmiVnpu> createVnpu(DcmiChip c, String template, int vdevId) {
        var symbol = "dcmi_create_vdevice";
        if (template.getBytes(StandardCharsets.UTF_8).length >= DcmiLayouts.TEMPLATE_NAME_SIZE || template.indexOf('\0') >= 0) {
            return calls.<DcmiVnpu>error(symbol, DcmiReturn.INVALID_PARAMETER.code()).withNote("template name " + template);
        }
        return calls.frame(frame -> {
            var request = frame.allocate(DcmiLayouts.VDEV_RES);
            var out = frame.allocate(DcmiLayouts.VDEV_OUT);
            DcmiLayouts.vdevRequest(request, template, vdevId, 0);
            int rc = (int) dcmi_create_vdevice.invokeExact(c.card(), c.device(), request, out);
            return calls.result(symbol, rc, () -> DcmiLayouts.vnpu(out));
        });
    }

    @Override
    public NativeResult<Void> destroyVnpu(DcmiChip c, int vdevId) {
        return calls.status("dcmi_set_destroy_vdevice", () -> (int) dcmi_set_destroy_vdevice.invokeExact(c.card(), c.device(), vdevId));
    }

    @Override
    public String toString() {
        return "FfmDcmi[" + library + "]";
    }
}
