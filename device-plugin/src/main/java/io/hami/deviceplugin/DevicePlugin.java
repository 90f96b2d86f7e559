package io.hami.deviceplugin;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.hami.deviceplugin.allocate.AllocationPlanner;
import io.hami.deviceplugin.allocate.AllocationPreview;
import io.hami.deviceplugin.allocate.AllocationStoreWriter;
import io.hami.deviceplugin.allocate.LockReleases;
import io.hami.deviceplugin.allocate.Allocator;
import io.hami.deviceplugin.allocate.ContainerEnvironment;
import io.hami.deviceplugin.allocate.HostStateSweep;
import io.hami.deviceplugin.allocate.NodeLockPendingPods;
import io.hami.deviceplugin.allocate.PendingPods;
import io.hami.deviceplugin.allocate.PodAnnotationWriter;
import io.hami.deviceplugin.devices.DeviceInventory;
import io.hami.deviceplugin.devices.DeviceSource;
import io.hami.deviceplugin.kubelet.DevicePluginService;
import io.hami.deviceplugin.kubelet.EpollTransport;
import io.hami.deviceplugin.kubelet.KubeletRegistrar;
import io.hami.deviceplugin.kubelet.SlotResourceService;
import io.hami.deviceplugin.kubelet.WholeDeviceService;
import io.hami.deviceplugin.register.NodeRegistrar;
import io.hami.deviceplugin.register.RegisterEncoder;
import io.hami.deviceplugin.register.RegistrationBuilder;
import io.hami.kubelet.v1beta1.DevicePluginOptions;
import io.hami.kubelet.v1beta1.RegisterRequest;
import io.hami.model.informer.RetryEveryFailure;
import io.hami.model.kube.LeanPod;
import io.hami.model.protocol.HamiAnnotations;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running device plugin for one vendor, written once over a {@link DeviceSource} and a
 * {@link ContainerEnvironment}: it discovers the devices, watches their health, publishes them on the Node,
 * serves kubelet's device-plugin API and stays registered with kubelet; where the vendor keeps state on the host per
 * pod, it releases that state once the pod is gone. {@link #close()} stops everything
 * in reverse order and removes the plugin's socket.
 */
public final class DevicePlugin implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePlugin.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private DeviceInventory inventory;
    private NodeRegistrar registrar;
    private KubeletRegistrar kubelet;
    private HealthEndpoint health;
    private final List<KubeletRegistrar> slotRegistrars = new ArrayList<>();

    private DevicePlugin() {
    }

    /**
     * Starts a plugin. The source becomes the plugin's: it is closed with it (also when starting fails).
     *
     * @param scoreKey the vendor's topology score annotation, written when the configuration enables it
     */
    public static DevicePlugin start(DevicePluginConfig config, DeviceSource source, ContainerEnvironment environment,
                                     Optional<String> scoreKey, KubernetesClient client, Clock clock) throws Exception {
        return start(config, PluginParts.of(source, environment, scoreKey), client, clock);
    }

    /** Starts a plugin from a vendor's parts; the source becomes the plugin's (closed with it, also when starting fails). */
    public static DevicePlugin start(DevicePluginConfig config, PluginParts parts, KubernetesClient client, Clock clock)
            throws Exception {
        var plugin = new DevicePlugin();
        plugin.started.push(parts.source());
        try {
            plugin.startParts(config, parts, client, clock);
            return plugin;
        } catch (Exception | Error e) {
            plugin.close();
            throw e;
        }
    }

    private void startParts(DevicePluginConfig config, PluginParts parts, KubernetesClient client, Clock clock)
            throws Exception {
        var source = parts.source();
        var vendor = source.vendor();
        var timings = config.timings();
        var sharing = config.sharing();
        var devices = config.filter().apply(source.discover());
        LOG.info("{} {} device(s) on node {}: {}", devices.size(), vendor.id(), config.nodeName(),
                devices.stream().map(d -> d.index() + "=" + d.uuid()).toList());
        inventory = new DeviceInventory(devices,
                parts.wholeResources().stream().flatMap(r -> r.ids().stream()).distinct().toList());
        started.push(source.watchHealth(devices, inventory));

        // Two threads, so that a slow API server delaying a registration round cannot delay noticing a kubelet restart.
        var registration = scheduler("hami-node-registration");
        var kubeletWatch = scheduler("hami-kubelet-watch");
        var builder = new RegistrationBuilder(sharing.splitCount(), sharing.memoryScaling(), sharing.coreScaling(),
                sharing.preconfiguredMiB(), sharing.mode());
        registrar = new NodeRegistrar(client, config.nodeName(), inventory, vendor,
                new RegisterEncoder(vendor.registerFormat(), builder, parts.fields()),
                config.topologyScore() ? parts.scoreKey() : Optional.empty());
        registrar.alsoPublish(parts.nodeAnnotations());
        if (config.topologyScore()) {
            source.links().ifPresent(registrar::scoreFrom);
        }
        started.push(registrar);
        registrar.start(registration, timings.registerInterval(), timings.registerRetry());

        if (parts.podSweep().isPresent()) {
            startSweep(parts.podSweep().get().apply(client), client, config.nodeName(), timings.registerInterval().toMillis());
        }

        if (parts.hostState().isPresent()) {
            // at once (pods may have gone while the plugin was down), then every registration interval, as HAMi's does
            scheduler("hami-host-state").scheduleWithFixedDelay(
                    new HostStateSweep(client, config.nodeName(), parts.hostState().get()), 0,
                    timings.registerInterval().toMillis(), TimeUnit.MILLISECONDS);
        }

        PendingPods pending = new NodeLockPendingPods(client, config.nodeName(), vendor.annotations(),
                parts.requestedLock().or(() -> vendor.annotations().nodeLock()));
        var writer = new PodAnnotationWriter(client, vendor, config.nodeName(), clock, parts.commitAnnotations());
        var allocator = new Allocator(pending, new AllocationPlanner(vendor, parts.environment(),
                id -> inventory.allocated(config.nodeName(), vendor.vendor(), id)), writer,
                clock, timings.allocateTimeout());
        if (parts.allocationStore().isPresent()) {
            var releases = scheduler("hami-lock-release");
            // a virtual thread per record write: a burst's records are synced side by side, not one after the other
            started.push(new AllocationStoreWriter(parts.allocationStore().get(), vendor, config.nodeName(),
                    new LockReleases(pending, releases), task -> Thread.ofVirtual().name("hami-allocation-record").start(task))
                    .start(client, timings.registerInterval()));
        }
        var preview = new AllocationPreview(pending, vendor, clock, timings.allocateTimeout());
        // lockless, no lock names the pod kubelet admits, so a preference could only repeat kubelet's own order: not
        // offering one saves kubelet's admission, which runs one pod at a time, a call per container
        var options = DevicePluginOptions.newBuilder()
                .setGetPreferredAllocationAvailable(config.preferredAllocation() && parts.allocationStore().isEmpty()).build();
        var transport = new EpollTransport(2);
        started.push(transport);
        var request = RegisterRequest.newBuilder().setVersion(KubeletRegistrar.VERSION).setEndpoint(config.endpoint())
                .setResourceName(vendor.resources().count()).setOptions(options).build();
        kubelet = new KubeletRegistrar(transport, config.pluginDir(), request,
                () -> new DevicePluginService(inventory, sharing.splitCount(), sharing.numaTopology(), allocator, preview, options,
                        parts.allocationStore().isPresent()), timings.kubeletRpc());
        boolean countTaken = parts.wholeResources().stream().anyMatch(r -> r.name().equals(vendor.resources().count()));
        if (countTaken) {
            LOG.info("{} is served whole (a static MIG strategy), not as HAMi-core slots", vendor.resources().count());
        } else {
            started.push(kubelet);
            kubelet.start(kubeletWatch, timings.kubeletPoll());
        }
        for (var whole : parts.wholeResources()) {
            var wholeRequest = RegisterRequest.newBuilder().setVersion(KubeletRegistrar.VERSION)
                    .setEndpoint(whole.endpoint(config.endpoint())).setResourceName(whole.name())
                    .setOptions(DevicePluginOptions.getDefaultInstance()).build();
            var registrarOfWhole = new KubeletRegistrar(transport, config.pluginDir(), wholeRequest,
                    () -> new WholeDeviceService(inventory, whole), timings.kubeletRpc());
            started.push(registrarOfWhole);
            registrarOfWhole.start(kubeletWatch, timings.kubeletPoll());
            slotRegistrars.add(registrarOfWhole);
            if (whole.name().equals(vendor.resources().count())) {
                kubelet = registrarOfWhole; // the count resource's registration is this one
            }
        }
        for (var slots : parts.slotResources()) {
            var slotRequest = RegisterRequest.newBuilder().setVersion(KubeletRegistrar.VERSION)
                    .setEndpoint(slots.endpoint(config.endpoint())).setResourceName(slots.name())
                    .setOptions(DevicePluginOptions.getDefaultInstance()).build();
            var registrarOfSlots = new KubeletRegistrar(transport, config.pluginDir(), slotRequest,
                    () -> new SlotResourceService(inventory, slots), timings.kubeletRpc());
            started.push(registrarOfSlots);
            registrarOfSlots.start(kubeletWatch, timings.kubeletPoll());
            slotRegistrars.add(registrarOfSlots);
        }
        if (config.healthAddress().isPresent()) {
            health = HealthEndpoint.start(config.healthAddress().get(), this::healthy);
            started.push(health);
        }
    }

    /**
     * Runs the sweep once now, before kubelet can ask for an {@code Allocate}; then every {@code intervalMillis} and
     * whenever one of this node's pods (label {@code hami.io/vgpu-node}, which the scheduler sets) is deleted or marked
     * for deletion. A round asked for while one is already queued is not queued again.
     */
    private void startSweep(Runnable sweep, KubernetesClient client, String nodeName, long intervalMillis) {
        sweep.run();
        var sweeper = scheduler("hami-pod-sweep");
        sweeper.scheduleWithFixedDelay(sweep, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        var queued = new AtomicBoolean();
        Runnable soon = () -> {
            if (queued.compareAndSet(false, true)) {
                sweeper.execute(() -> {
                    queued.set(false);
                    sweep.run();
                });
            }
        };
        var informer = client.resources(LeanPod.class).inAnyNamespace().withLabel(HamiAnnotations.VGPU_NODE, nodeName)
                .runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<LeanPod>() {
            @Override
            public void onAdd(LeanPod pod) {
            }

            @Override
            public void onUpdate(LeanPod before, LeanPod after) {
                if (before.getMetadata().getDeletionTimestamp() == null && after.getMetadata().getDeletionTimestamp() != null) {
                    soon.run();
                }
            }

            @Override
            public void onDelete(LeanPod pod, boolean finalStateUnknown) {
                soon.run();
            }
        });
        RetryEveryFailure.install(informer, "pods of node " + nodeName);
        started.push(informer::close);
        informer.start();
    }

    private ScheduledExecutorService scheduler(String name) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name(name).unstarted(r));
        started.push(() -> {
            scheduler.shutdownNow();
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within 10 s", name);
            }
        });
        return scheduler;
    }

    /** Whether the plugin, and each of its slot resources, is registered with the kubelet now running. */
    public boolean healthy() {
        return kubelet != null && kubelet.registered() && slotRegistrars.stream().allMatch(KubeletRegistrar::registered);
    }

    /** The devices and their health. */
    public DeviceInventory inventory() {
        return inventory;
    }

    /** The node registration loop. */
    public NodeRegistrar registrar() {
        return registrar;
    }

    /** The kubelet registration. */
    public KubeletRegistrar kubelet() {
        return kubelet;
    }

    /** The health endpoint, when one is served. */
    public Optional<HealthEndpoint> healthEndpoint() {
        return Optional.ofNullable(health);
    }

    /** Stops every part, last started first; a part that fails to stop is logged and the others still stop. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            var part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
