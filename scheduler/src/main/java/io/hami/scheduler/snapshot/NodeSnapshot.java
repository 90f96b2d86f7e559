package io.hami.scheduler.snapshot;

import io.hami.model.device.LegacyMigUuid;
import io.hami.model.device.MigAllocation;
import io.hami.model.protocol.MetaxAppClass;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.inventory.NodeInventory;
import io.hami.scheduler.score.UsageScore;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * One node, ready for many filter calls: its inventory, the usage of every device by the pods counted on it, the
 * devices of each type, the cordon marks and the node's default score, all computed once when the node or its pods
 * change. Immutable; the arrays never leave this class.
 */
public final class NodeSnapshot {

    private static final int[] NONE = new int[0];
    /** Cores of an exclusive sGPU, which imposes no QoS policy on its card. */
    private static final int EXCLUSIVE = 100;

    private final NodeInventory inventory;
    private final DeviceSpec[] devices;
    private final int[] used;
    private final int[] usedMem;
    private final int[] usedCores;
    private final boolean[] cordoned;
    /** Per MetaX sGPU card, the QoS policy the pods sharing it impose; null where none does. */
    private final String[] heldQos;
    /** Per MetaX sGPU card, how many {@code online} and {@code offline} pods hold it. */
    private final int[] onlinePods;
    private final int[] offlinePods;
    /** Per device, the MIG instances its pods hold (empty lists on devices without any). */
    private final List<List<MigAllocation>> migInUse;
    /** Per device, whether its MIG bookkeeping is inconsistent, so that it must not be chosen (HAMi: unhealthy). */
    private final boolean[] migFailed;
    /** Whether any device of the node is in {@code mode: mig}. */
    private final boolean hasMig;
    private final int[][] byType;
    private final Map<String, Integer> indexById;
    private final float baseScore;

    private NodeSnapshot(NodeInventory inventory, int typeCount, Collection<PodUsage> pods) {
        this.inventory = inventory;
        this.devices = inventory.devices().toArray(DeviceSpec[]::new);
        int n = devices.length;
        this.used = new int[n];
        this.usedMem = new int[n];
        this.usedCores = new int[n];
        this.cordoned = new boolean[n];
        this.heldQos = new String[n];
        this.onlinePods = new int[n];
        this.offlinePods = new int[n];
        this.migFailed = new boolean[n];
        this.hasMig = Arrays.stream(devices).anyMatch(DeviceSpec::isMig);
        @SuppressWarnings("unchecked")
        List<MigAllocation>[] mig = new List[n];
        this.indexById = new HashMap<>();
        int[] perType = new int[typeCount];
        for (int i = 0; i < n; i++) {
            indexById.putIfAbsent(devices[i].id(), i);
            cordoned[i] = inventory.cordoned().contains(devices[i].id());
            perType[devices[i].type().ordinal()]++;
        }
        this.byType = new int[typeCount][];
        for (int t = 0; t < typeCount; t++) {
            byType[t] = perType[t] == 0 ? NONE : new int[perType[t]];
            perType[t] = 0;
        }
        for (int i = 0; i < n; i++) {
            int t = devices[i].type().ordinal();
            byType[t][perType[t]++] = i;
        }
        for (PodUsage pod : pods) {
            add(pod);
            addMig(pod, mig);
        }
        var inUse = new ArrayList<List<MigAllocation>>(n);
        for (List<MigAllocation> held : mig) {
            inUse.add(held == null ? List.of() : List.copyOf(held));
        }
        this.migInUse = inUse;
        this.baseScore = UsageScore.node(devices, used, usedMem, usedCores);
    }

    /**
     * A node with the usage of these pods; uses of UUIDs the node does not have are ignored (HAMi logs them; they
     * never mark other devices unhealthy).
     *
     * @param typeCount the number of device types of the catalog
     */
    public static NodeSnapshot of(NodeInventory inventory, int typeCount, Collection<PodUsage> pods) {
        return new NodeSnapshot(inventory, typeCount, pods);
    }

    private void add(PodUsage pod) {
        for (List<DeviceUse> uses : pod.devices().values()) {
            for (DeviceUse use : uses) {
                Integer i = indexById.get(use.uuid());
                if (i != null) {
                    used[i] = saturated((long) used[i] + Math.max(use.slots(), 1));
                    usedMem[i] = saturated((long) usedMem[i] + use.mem());
                    usedCores[i] = saturated((long) usedCores[i] + use.cores());
                    if (devices[i].type().kind() == DeviceType.Kind.METAX_SGPU) {
                        if (heldQos[i] == null && !pod.metaxQos().isEmpty() && use.cores() != EXCLUSIVE) {
                            heldQos[i] = pod.metaxQos();
                        }
                        if (pod.metaxClass().isPresent()) {
                            (pod.metaxClass().get() == MetaxAppClass.ONLINE ? onlinePods : offlinePods)[i]++;
                        }
                    }
                }
            }
        }
    }

    /**
     * Books a pod's MIG reservations on its GPUs, failing closed as HAMi does (docs/scheduler.md, "MIG"): a GPU in
     * {@code mode: mig} the pod uses without a reservation for it, and a reservation on a GPU of another mode, mark
     * that GPU; a reservation naming a GPU the node does not have marks every MIG GPU of the node. An entry in HAMi's
     * MIG form before v2.10 ({@link LegacyMigUuid}, which names no device) marks its MIG GPU: where that instance sits
     * is unknown.
     */
    private void addMig(PodUsage pod, List<MigAllocation>[] mig) {
        if (pod.mig().isEmpty() && !hasMig) {
            return;
        }
        var reserved = new HashSet<String>();
        for (MigAllocation a : pod.mig()) {
            reserved.add(a.gpuUuid());
            Integer i = indexById.get(a.gpuUuid());
            if (i == null) {
                for (int d = 0; d < devices.length; d++) {
                    migFailed[d] |= devices[d].isMig();
                }
            } else if (devices[i].isMig()) {
                if (mig[i] == null) {
                    mig[i] = new ArrayList<>(2);
                }
                mig[i].add(a);
            } else {
                migFailed[i] = true;
            }
        }
        for (List<DeviceUse> uses : pod.devices().values()) {
            for (DeviceUse use : uses) {
                Integer i = indexById.get(use.uuid());
                if (i == null) {
                    i = LegacyMigUuid.parse(use.uuid()).map(legacy -> indexById.get(legacy.gpuUuid())).orElse(null);
                    if (i != null && devices[i].isMig()) {
                        migFailed[i] = true;
                    }
                } else if (devices[i].isMig() && !reserved.contains(use.uuid())) {
                    migFailed[i] = true;
                }
            }
        }
    }

    /**
     * The QoS policy that the pods sharing MetaX sGPU card {@code i} impose (the first counted wins), or {@code null}
     * when no pod shares it with a policy. It knows a decision at once, where the device plugin reports the card's
     * policy only after it has set it up (HAMi bridges that gap with its {@code JitteryQosCache}).
     */
    public String heldQos(int i) {
        return heldQos[i];
    }

    /** How many {@code online} pods hold MetaX sGPU card {@code i}. */
    public int onlinePods(int i) {
        return onlinePods[i];
    }

    /** How many {@code offline} pods hold MetaX sGPU card {@code i}. */
    public int offlinePods(int i) {
        return offlinePods[i];
    }

    private static int saturated(long v) {
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    /** The node's name. */
    public String name() {
        return inventory.name();
    }

    /** What the node offers. */
    public NodeInventory inventory() {
        return inventory;
    }

    /** How many devices the node has, of all types. */
    public int deviceCount() {
        return devices.length;
    }

    /** Device {@code i}. */
    public DeviceSpec device(int i) {
        return devices[i];
    }

    /** Slots of device {@code i} in use. */
    public int used(int i) {
        return used[i];
    }

    /** MiB of device {@code i} in use. */
    public int usedMem(int i) {
        return usedMem[i];
    }

    /** Cores of device {@code i} in use. */
    public int usedCores(int i) {
        return usedCores[i];
    }

    /** The MIG instances the pods on device {@code i} hold, in the order they were counted. */
    public List<MigAllocation> migInUse(int i) {
        return migInUse.get(i);
    }

    /**
     * Whether device {@code i} must not be chosen because its MIG bookkeeping is inconsistent (a MIG pod without a
     * reservation, a reservation on a GPU of another mode or on a GPU the node lacks): HAMi marks such a GPU unhealthy.
     */
    public boolean migFailed(int i) {
        return migFailed[i];
    }

    /** Whether any device of the node is in {@code mode: mig}. */
    public boolean hasMig() {
        return hasMig;
    }

    /** Whether device {@code i} is listed in {@code hami.io/device-cordon}. */
    public boolean cordoned(int i) {
        return cordoned[i];
    }

    /** The position of the device with this UUID, or -1. */
    public int indexOf(String id) {
        Integer i = indexById.get(id);
        return i == null ? -1 : i;
    }

    /** How many devices of the type with this ordinal the node has. */
    public int countOfType(int ordinal) {
        return ordinal < byType.length ? byType[ordinal].length : 0;
    }

    /** The positions of the devices of one type, in registration order; a fresh copy the caller may reorder. */
    public int[] devicesOfType(int ordinal) {
        return ordinal < byType.length ? byType[ordinal].clone() : NONE;
    }

    /**
     * Copies the positions of one type's devices into {@code out} (at least {@link #countOfType} long) and returns how
     * many there are.
     */
    public int copyDevicesOfType(int ordinal, int[] out) {
        if (ordinal >= byType.length) {
            return 0;
        }
        int[] of = byType[ordinal];
        System.arraycopy(of, 0, out, 0, of.length);
        return of.length;
    }

    /** Copies the three usage arrays into the given ones (each at least {@link #deviceCount()} long). */
    public void copyUsage(int[] usedOut, int[] memOut, int[] coresOut) {
        System.arraycopy(used, 0, usedOut, 0, used.length);
        System.arraycopy(usedMem, 0, memOut, 0, usedMem.length);
        System.arraycopy(usedCores, 0, coresOut, 0, usedCores.length);
    }

    /**
     * The node's default score (docs/scheduler.md, "Scores and policies") from the usage before the pod being
     * scheduled: {@code 10 × (Σused/Σcount + Σcores/Σtotalcore + Σmem/Σtotalmem)} in float32, 0 when a total is 0.
     */
    public float baseScore() {
        return baseScore;
    }

    @Override
    public String toString() {
        return "NodeSnapshot[" + name() + ", " + devices.length + " devices, used " + Arrays.toString(used) + "]";
    }
}
