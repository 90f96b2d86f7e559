package io.hami.deviceplugin;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.deviceplugin.allocate.AllocationPlan;
import io.hami.deviceplugin.allocate.ContainerEnvironment;
import io.hami.deviceplugin.allocate.PodHostState;
import io.hami.deviceplugin.devices.DeviceSource;
import io.hami.deviceplugin.kubelet.SlotResource;
import io.hami.deviceplugin.kubelet.WholeDeviceResource;
import io.hami.deviceplugin.register.VendorFields;
import io.hami.deviceplugin.allocate.LocklessStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one vendor brings to the shared {@link DevicePlugin}: everything else (kubelet API, node registration, the
 * {@code Allocate} lifecycle, locks and bind phases) is written once.
 *
 * @param source            the devices, from the vendor's library, and their health
 * @param environment       what a container gets for its share
 * @param scoreKey          the vendor's topology score annotation, written when the configuration enables it
 * @param fields            the register fields the vendor fixes
 * @param slotResources     resources offered besides the device count (slots that only count)
 * @param commitAnnotations pod annotations the vendor's plugin writes with a successful {@code Allocate}, beside the
 *                          allocation left and the bind phase
 * @param nodeAnnotations   node annotations the vendor's plugin publishes beside its devices (Ascend's
 *                          {@code hami-vnpu-core})
 * @param hostState         state the vendor keeps on the host per pod (Hygon's vDCUs), released once the pod is gone;
 *                          empty for none
 * @param requestedLock     the node lock the plugin asks binds to take for a type HAMi binds without one (published
 *                          with {@link io.hami.model.protocol.HamiAnnotations#lockRequested}): the plugin finds the
 *                          pod by it and releases it, as for a type that locks; empty for none
 * @param allocationStore   lockless mode (docs/protocol.md, "Binds without the node lock"): the node's allocation store,
 *                          which the plugin keeps from its pod informer, and the HAMi-core options its records carry;
 *                          {@code Allocate} then needs no pod identity.
 *                          Empty for HAMi's lock protocol
 * @param wholeResources    resources whose devices are handed out whole, outside HAMi-core (NVIDIA's MIG devices
 *                          under a static MIG strategy); one named like the vendor's count resource takes its place
 * @param podSweep          a round the plugin runs, with its API client, when it starts, every registration interval
 *                          and when a pod is deleted (dynamic MIG's reconciliation); empty for none
 */
public record PluginParts(DeviceSource source, ContainerEnvironment environment, Optional<String> scoreKey,
                          VendorFields fields, List<SlotResource> slotResources,
                          Function<AllocationPlan, Map<String, String>> commitAnnotations,
                          Map<String, String> nodeAnnotations, Optional<PodHostState> hostState,
                          Optional<String> requestedLock, Optional<LocklessStore> allocationStore,
                          List<WholeDeviceResource> wholeResources,
                          Optional<Function<KubernetesClient, Runnable>> podSweep) {

    public PluginParts {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(scoreKey, "scoreKey");
        Objects.requireNonNull(fields, "fields");
        slotResources = List.copyOf(slotResources);
        Objects.requireNonNull(commitAnnotations, "commitAnnotations");
        nodeAnnotations = Map.copyOf(nodeAnnotations);
        Objects.requireNonNull(hostState, "hostState");
        Objects.requireNonNull(requestedLock, "requestedLock");
        Objects.requireNonNull(allocationStore, "allocationStore");
        wholeResources = List.copyOf(wholeResources);
        Objects.requireNonNull(podSweep, "podSweep");
    }

    /** Parts on HAMi's lock protocol. */
    public PluginParts(DeviceSource source, ContainerEnvironment environment, Optional<String> scoreKey,
                       VendorFields fields, List<SlotResource> slotResources,
                       Function<AllocationPlan, Map<String, String>> commitAnnotations,
                       Map<String, String> nodeAnnotations, Optional<PodHostState> hostState,
                       Optional<String> requestedLock) {
        this(source, environment, scoreKey, fields, slotResources, commitAnnotations, nodeAnnotations, hostState,
                requestedLock, Optional.empty(), List.of(), Optional.empty());
    }

    /** These parts publishing {@code annotations} on the Node besides those they had. */
    public PluginParts withNodeAnnotations(Map<String, String> annotations) {
        var all = new java.util.HashMap<>(nodeAnnotations);
        all.putAll(annotations);
        return new PluginParts(source, environment, scoreKey, fields, slotResources, commitAnnotations, all, hostState,
                requestedLock, allocationStore, wholeResources, podSweep);
    }

    /** These parts in lockless mode, keeping {@code store}. */
    public PluginParts withAllocationStore(LocklessStore store) {
        return new PluginParts(source, environment, scoreKey, fields, slotResources, commitAnnotations, nodeAnnotations,
                hostState, requestedLock, Optional.of(store), wholeResources, podSweep);
    }

    /** These parts also offering {@code resources} whole. */
    public PluginParts withWholeResources(List<WholeDeviceResource> resources) {
        return new PluginParts(source, environment, scoreKey, fields, slotResources, commitAnnotations, nodeAnnotations,
                hostState, requestedLock, allocationStore, resources, podSweep);
    }

    /**
     * These parts with {@code fields} fixed in the register annotation, {@code commit} written with each successful
     * {@code Allocate}, and {@code sweep} run with the plugin (dynamic MIG).
     */
    public PluginParts withMig(VendorFields fields, Function<AllocationPlan, Map<String, String>> commit,
                               Function<KubernetesClient, Runnable> sweep) {
        return new PluginParts(source, environment, scoreKey, fields, slotResources, commit, nodeAnnotations,
                hostState, requestedLock, allocationStore, wholeResources, Optional.of(sweep));
    }

    /** A vendor that fixes no register field, offers only its count and writes nothing more. */
    public static PluginParts of(DeviceSource source, ContainerEnvironment environment, Optional<String> scoreKey) {
        return new PluginParts(source, environment, scoreKey, VendorFields.NONE, List.of(), plan -> Map.of(), Map.of(),
                Optional.empty(), Optional.empty());
    }
}
