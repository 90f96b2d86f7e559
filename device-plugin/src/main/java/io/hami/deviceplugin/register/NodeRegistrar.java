package io.hami.deviceplugin.register;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hami.bindings.nvml.GpuPairLinks;
import io.hami.deviceplugin.devices.DeviceInventory;
import io.hami.model.annotation.NodeScoreCodec;
import io.hami.model.kube.LeanNode;
import io.hami.model.vendor.HandshakeReplies;
import io.hami.model.vendor.Vendor;
import io.hami.model.vendor.VendorDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the node's devices for the scheduler: every {@code interval} (after an error, every
 * {@code retry}; and at once after a health change) it builds the vendor's register annotation with a
 * {@link RegisterEncoder} (and, when enabled, the topology score annotation), reads the Node, and merge-patches only the
 * annotations whose value differs from what the Node carries. Where the vendor has a handshake annotation, a value
 * that does not answer yet (the scheduler's {@code Requesting_<time>}, or none) is answered with the vendor's
 * {@code Reported…}, where the vendor's agent answers ({@link HandshakeReplies}: Ascend, Hygon).
 */
public final class NodeRegistrar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistrar.class);

    /** What one round did. */
    public enum Outcome { PATCHED, UNCHANGED, NO_DEVICES }

    private final KubernetesClient client;
    private final String nodeName;
    private final DeviceInventory inventory;
    private final RegisterEncoder encoder;
    private final Optional<String> registerKey;
    private final Optional<String> handshakeKey;
    private final Vendor vendor;
    private final Optional<String> scoreKey;
    private final Clock clock;
    private volatile Map<String, String> published = Map.of();
    private volatile List<GpuPairLinks> links = List.of();
    private ScheduledExecutorService scheduler;
    private Duration interval;
    private Duration retry;
    private DeviceInventory.Subscription healthSubscription;
    private volatile boolean closed;

    /**
     * A registrar of the vendor's register annotation in the sharing settings' fields.
     *
     * @param scoreKey the topology score annotation to write, when enabled
     */
    public NodeRegistrar(KubernetesClient client, String nodeName, DeviceInventory inventory, VendorDescriptor vendor,
                         RegistrationBuilder builder, Optional<String> scoreKey) {
        this(client, nodeName, inventory, vendor, new RegisterEncoder(vendor.registerFormat(), builder, VendorFields.NONE),
                scoreKey);
    }

    /**
     * @param encoder  the register annotation's value; a vendor registering by node capacity writes none
     * @param scoreKey the topology score annotation to write, when enabled
     */
    public NodeRegistrar(KubernetesClient client, String nodeName, DeviceInventory inventory, VendorDescriptor vendor,
                         RegisterEncoder encoder, Optional<String> scoreKey) {
        this.client = Objects.requireNonNull(client, "client");
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (encoder.format() != vendor.registerFormat()) {
            throw new IllegalArgumentException(vendor.id() + " registers as " + vendor.registerFormat() + ", not "
                    + encoder.format());
        }
        this.registerKey = vendor.annotations().nodeRegister();
        this.handshakeKey = vendor.annotations().handshake();
        this.vendor = vendor.vendor();
        this.scoreKey = Objects.requireNonNull(scoreKey, "scoreKey");
        this.clock = Clock.systemDefaultZone();
    }

    /**
     * How the devices are linked, which the topology score is computed from (HAMi's NVLink-aware scores); without
     * it the score knows NUMA nodes only. Set before {@link #start}.
     */
    public void scoreFrom(List<GpuPairLinks> pairs) {
        this.links = List.copyOf(pairs);
    }

    /** Node annotations to publish with the devices at every round, where the Node's value differs. */
    public void alsoPublish(Map<String, String> annotations) {
        published = Map.copyOf(annotations);
    }

    /** Registers now, then keeps registering on {@code scheduler}. */
    public synchronized void start(ScheduledExecutorService scheduler, Duration interval, Duration retry) {
        this.scheduler = scheduler;
        this.interval = interval;
        this.retry = retry;
        healthSubscription = inventory.onChange(() -> schedule(Duration.ZERO));
        schedule(Duration.ZERO);
    }

    private void schedule(Duration delay) {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(this::round, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("registration not scheduled: the plugin is stopping");
        }
    }

    private void round() {
        Duration next;
        try {
            var outcome = registerOnce();
            LOG.debug("node registration: {}", outcome);
            next = outcome == Outcome.NO_DEVICES ? retry : interval;
        } catch (RuntimeException e) {
            LOG.warn("node registration failed: {}", e.getMessage());
            next = retry;
        }
        schedule(next);
    }

    /** One round: build, compare with the Node, patch what differs. */
    public synchronized Outcome registerOnce() {
        var snapshot = inventory.snapshot();
        if (snapshot.isEmpty()) {
            LOG.warn("no devices to register on node {}", nodeName);
            return Outcome.NO_DEVICES;
        }
        var wanted = new LinkedHashMap<String, String>();
        registerKey.ifPresent(key -> encoder.encode(snapshot).ifPresent(value -> wanted.put(key, value)));
        scoreKey.ifPresent(key -> wanted.put(key, NodeScoreCodec.INSTANCE.encode(TopologyScores.of(snapshot, links))));
        wanted.putAll(published);
        if (wanted.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        var node = client.resources(LeanNode.class).withName(nodeName).get();
        if (node == null) {
            throw new IllegalStateException("node " + nodeName + " does not exist");
        }
        Map<String, String> current = node.getMetadata().getAnnotations() == null ? Map.of() : node.getMetadata().getAnnotations();
        wanted.entrySet().removeIf(e -> e.getValue().equals(current.get(e.getKey())));
        // the scheduler stamps Requesting_<time> and waits for an answer; an answer already there stays
        handshakeKey.filter(key -> !HandshakeReplies.answered(current.get(key))).ifPresent(key ->
                HandshakeReplies.reply(vendor, ZonedDateTime.now(clock)).ifPresent(reply -> wanted.put(key, reply)));
        if (wanted.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        var patch = new LeanNode(new ObjectMetaBuilder().withAnnotations(wanted).build());
        client.resources(LeanNode.class).resource(node)
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
        LOG.info("node {}: wrote {}", nodeName, wanted.keySet());
        return Outcome.PATCHED;
    }

    @Override
    public void close() {
        closed = true;
        if (healthSubscription != null) {
            healthSubscription.close();
        }
    }
}
