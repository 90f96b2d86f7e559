package io.hami.cli.doctor;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hami.bindings.discovery.DiscoveredDevice;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.protocol.NodeLockKind;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.inventory.InventoryReader;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * What the API server knows of this node: whether it is reached and how far this machine's clock is from its own
 * (node locks expire by the scheduler's clock), the node's registration per device type, its node locks, and the RBAC
 * of the account the checks run as.
 */
final class ApiChecks {

    /** A skew larger than this is reported: lock times and handshakes are judged across machines. */
    static final Duration SKEW_LIMIT = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final Clock clock;
    private final Duration lockTimeout;
    private final DeviceTypes types;
    private final String typesSource;
    private Optional<Instant> serverTime = Optional.empty();

    /**
     * @param types       the scheduler's device types
     * @param typesSource where they come from, in words (the device config file, or HAMi's built-in devices)
     */
    ApiChecks(KubernetesClient client, Clock clock, Duration lockTimeout, DeviceTypes types, String typesSource) {
        this.client = client;
        this.clock = clock;
        this.lockTimeout = lockTimeout;
        this.types = types;
        this.typesSource = typesSource;
    }

    KubernetesClient client() {
        return client;
    }

    DeviceTypes types() {
        return types;
    }

    String typesSource() {
        return typesSource;
    }

    /** The API server's time when it told it, else this machine's. */
    Instant now() {
        return serverTime.orElseGet(clock::instant);
    }

    /** Reaches the API server ({@code GET /version}) and compares clocks by its {@code Date} header. */
    boolean reach(Section s) {
        var url = client.getMasterUrl().toString();
        Instant before = clock.instant();
        io.fabric8.kubernetes.client.http.HttpResponse<String> response;
        try {
            var http = client.getHttpClient();
            var request = http.newHttpRequestBuilder().uri(url.replaceAll("/+$", "") + "/version").build();
            response = http.sendAsync(request, String.class).get(client.getConfiguration().getRequestTimeout(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.error("unreachable", "interrupted while reaching the API server at " + url, "run hami doctor again");
            return false;
        } catch (Exception e) {
            s.error("unreachable", "the API server at " + url + " cannot be reached: " + e.getMessage(), "check the "
                    + "kubeconfig (--kubeconfig) and the network path to the API server");
            return false;
        }
        Instant after = clock.instant();
        if (response.code() == 401) {
            s.error("unauthorized", "the API server at " + url + " refuses the credentials (401)", "renew the "
                    + "kubeconfig's credentials, or the pod's service account token");
            return false;
        }
        s.fact("API server " + url + " reached");
        clock(s, date(response), before, after);
        return true;
    }

    /** The {@code Date} header, whatever the case of its name (HTTP/2 sends it in lower case). */
    private static String date(io.fabric8.kubernetes.client.http.HttpResponse<String> response) {
        return response.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Date"))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    /** The server's time lies in [date, date + 1 s); ours in [before, after]. */
    void clock(Section s, String date, Instant before, Instant after) {
        if (date == null) {
            s.fact("the API server sent no Date header: clocks not compared");
            return;
        }
        Instant server;
        try {
            server = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            s.fact("the API server's Date header is unreadable (" + date + "): clocks not compared");
            return;
        }
        serverTime = Optional.of(server.plus(Duration.between(before, after).dividedBy(2)));
        Duration behind = Duration.between(after, server);
        Duration ahead = Duration.between(server.plusSeconds(1), before);
        Duration skew = behind.isNegative() ? (ahead.isNegative() ? Duration.ZERO : ahead) : behind;
        if (skew.compareTo(SKEW_LIMIT) > 0) {
            s.warning("clock-skew", "this machine's clock is " + skew.toSeconds() + " s " + (behind.isNegative()
                    ? "ahead of" : "behind") + " the API server's: node lock expiry (" + lockTimeout.toSeconds()
                    + " s) and handshakes are judged by the scheduler's clock, so times written here are off by as "
                    + "much", "synchronise the node's clock (chrony or systemd-timesyncd)");
        } else {
            s.fact("clock within " + SKEW_LIMIT.toSeconds() + " s of the API server's");
        }
    }

    /**
     * The node's registration per device type (as the scheduler reads it) and its node locks.
     *
     * @param devices what the node's libraries list, to tell a type that should be registered
     * @return the pods on the node by UID ({@code namespace/name}); empty when the node could not be read
     */
    Optional<Map<String, String>> node(Section s, String name, java.util.List<DiscoveredDevice> devices) {
        Node node;
        try {
            node = client.nodes().withName(name).get();
        } catch (KubernetesClientException e) {
            s.error("unreadable", "node " + name + " cannot be read: " + e.getMessage(), "check the account's RBAC "
                    + "(get nodes)");
            return Optional.empty();
        }
        if (node == null) {
            s.error("not-found", "the API server has no node " + name, "pass --node with the name kubectl get nodes "
                    + "shows (the device plugin's NODE_NAME)");
            return Optional.empty();
        }
        registration(s, node, devices);
        var pods = new LinkedHashMap<String, String>();
        try {
            for (Pod p : client.pods().inAnyNamespace().withField("spec.nodeName", name).list().getItems()) {
                pods.put(p.getMetadata().getUid(), p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
            }
        } catch (KubernetesClientException e) {
            s.warning("pods-unreadable", "the pods of node " + name + " cannot be listed: " + e.getMessage(),
                    "check the account's RBAC (list pods); the regions' pods and lock owners were not checked");
            locks(s, node, Optional.empty());
            return Optional.empty();
        }
        locks(s, node, Optional.of(pods));
        return Optional.of(pods);
    }

    private void registration(Section s, Node node, java.util.List<DiscoveredDevice> devices) {
        var name = node.getMetadata().getName();
        var inventory = InventoryReader.read(node, types);
        inventory.problems().forEach((type, why) -> s.error("register-invalid", "node " + name + ": " + type
                + " registration is unreadable: " + why, "the scheduler ignores these devices; check the device "
                + "plugin's version and log on this node"));
        var registered = new TreeSet<String>();
        for (var d : inventory.devices()) {
            registered.add(d.type().id());
        }
        for (DeviceType t : types.all()) {
            long count = inventory.devices().stream().filter(d -> d.type() == t).count();
            if (count > 0) {
                var allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null ? null
                        : node.getStatus().getAllocatable().get(t.descriptor().resources().count());
                s.fact(t.id() + ": " + count + " device(s) registered, " + t.descriptor().resources().count()
                        + " allocatable " + (allocatable == null ? "0" : allocatable.getAmount()));
            }
        }
        var found = new TreeSet<String>();
        devices.forEach(d -> found.add(d.vendor().id()));
        for (var vendorId : found) {
            boolean any = types.all().stream().anyMatch(t -> t.descriptor().vendor().id().equals(vendorId)
                    && registered.contains(t.id()));
            if (!any) {
                s.error("unregistered", "this node has " + vendorId + " devices, but node " + name + " registers "
                        + "none: the scheduler sends no pod here", "check the device plugin's pod on this node and "
                        + "its log (it writes the register annotation at start); its DaemonSet selects nodes labelled "
                        + "gpu=on (other vendors: hami-java/<vendor>=on)");
            }
        }
        if (registered.isEmpty() && found.isEmpty()) {
            s.fact("node " + name + " registers no device");
        }
    }

    private void locks(Section s, Node node, Optional<Map<String, String>> pods) {
        var annotations = node.getMetadata().getAnnotations() == null ? Map.<String, String>of()
                : node.getMetadata().getAnnotations();
        for (var kind : NodeLockKind.values()) {
            var value = annotations.get(kind.key());
            if (value == null) {
                continue;
            }
            try {
                var lock = NodeLockCodec.INSTANCE.decode(value);
                var expiry = kind.fixedExpiry().orElse(lockTimeout);
                var held = Duration.between(lock.acquiredAt().toInstant(), now());
                var owner = lock.owner().map(Object::toString).orElse("no pod (a bare time)");
                if (lock.expired(now(), expiry)) {
                    s.warning("stale-lock", kind.key() + " on node " + node.getMetadata().getName() + " was taken "
                            + held.toSeconds() + " s ago by " + owner + " and expired after " + expiry.toSeconds()
                            + " s: the device plugin never released it (its Allocate did not come or failed)",
                            "the scheduler replaces it at the next bind; check that pod's events and the device "
                                    + "plugin's log on this node");
                } else if (lock.owner().isPresent() && pods.isPresent()
                        && !pods.get().containsValue(lock.owner().get().namespace() + "/" + lock.owner().get().name())) {
                    s.warning("orphaned-lock", kind.key() + " on node " + node.getMetadata().getName() + " names "
                            + owner + ", which is not on this node: binds here wait until it expires", "the scheduler "
                            + "replaces it once its owner is gone; if it stays, delete the annotation");
                } else {
                    s.fact(kind.key() + ": held by " + owner + " for " + held.toSeconds() + " s (expires after "
                            + expiry.toSeconds() + " s)");
                }
            } catch (WireFormatException e) {
                s.error("invalid-lock", kind.key() + " on node " + node.getMetadata().getName() + ": " + e.getMessage(),
                        "delete the annotation (kubectl annotate node " + node.getMetadata().getName() + " "
                                + kind.key() + "-); no bind here succeeds while it stays");
            }
        }
    }

    /** Asks the API server, per call the node agents make, whether this account may make it. */
    void rbac(Section s) {
        for (var access : NodeAgentAccess.DEVICE_PLUGIN) {
            var review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                    .withVerb(access.verb()).withResource(access.resource()).withGroup("").endResourceAttributes()
                    .endSpec().build();
            try {
                var answer = client.authorization().v1().selfSubjectAccessReview().create(review);
                boolean allowed = answer != null && answer.getStatus() != null
                        && Boolean.TRUE.equals(answer.getStatus().getAllowed());
                if (allowed) {
                    s.fact("may " + access);
                } else {
                    s.error("denied", "this account may not " + access + ": " + access.why(), "run as the device "
                            + "plugin's service account (the chart's), or grant " + access + " to it");
                }
            } catch (KubernetesClientException e) {
                s.warning("unknown", "cannot ask whether this account may " + access + ": " + e.getMessage(),
                        "the API server must serve authorization.k8s.io/v1 SelfSubjectAccessReview");
                return;
            }
        }
    }
}
