package io.hami.scheduler.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hami.scheduler.kube.KubeObjects;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates core/v1 Events through fabric8 on virtual threads, at most {@code 64} in flight (more are dropped and
 * logged at debug level: events are advice, never worth slowing a filter); messages are cut at 1024 characters. No
 * aggregation as client-go does.
 */
public final class Fabric8EventSink implements EventSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Fabric8EventSink.class);
    private static final int IN_FLIGHT = 64;
    /** The API server's limit on an event message; longer ones (thousands of node names) are cut. */
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;
    private final String component;
    private final Clock clock;
    private final RandomGenerator random;
    private final ExecutorService executor;
    private final Semaphore slots = new Semaphore(IN_FLIGHT);

    /** @param component the events' source ({@code --scheduler-name}) */
    public Fabric8EventSink(KubernetesClient client, String component, Clock clock, RandomGenerator random,
                            ExecutorService executor) {
        this.client = client;
        this.component = component.isEmpty() ? "hami-scheduler" : component;
        this.clock = clock;
        this.random = random;
        this.executor = executor;
    }

    @Override
    public void record(Pod pod, boolean warning, String reason, String message) {
        var involved = new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod").withName(KubeObjects.name(pod))
                .withNamespace(KubeObjects.namespace(pod)).withUid(KubeObjects.uid(pod)).build();
        create(KubeObjects.namespace(pod), involved, warning, reason, message);
    }

    /** On the Node, in namespace {@value #NODE_EVENTS_NAMESPACE}, where kubelet records a node's own events. */
    @Override
    public void recordOnNode(Node node, boolean warning, String reason, String message) {
        var involved = new ObjectReferenceBuilder().withApiVersion("v1").withKind("Node").withName(KubeObjects.name(node))
                .withUid(KubeObjects.uid(node)).build();
        create(NODE_EVENTS_NAMESPACE, involved, warning, reason, message);
    }

    /** The namespace of events about cluster-scoped objects such as nodes. */
    static final String NODE_EVENTS_NAMESPACE = "default";

    private void create(String ns, ObjectReference involved, boolean warning, String reason, String message) {
        if (ns.isEmpty() || involved.getName().isEmpty() || !slots.tryAcquire()) {
            LOG.debug("event dropped: {} {}", reason, message);
            return;
        }
        Event event = event(ns, involved, warning, reason, message);
        try {
            executor.execute(() -> {
                try {
                    client.v1().events().inNamespace(ns).resource(event).create();
                } catch (KubernetesClientException e) {
                    LOG.debug("event {} on {} {} not recorded: {}", reason, involved.getKind(), involved.getName(),
                            e.getMessage());
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
        }
    }

    private Event event(String ns, ObjectReference involved, boolean warning, String reason, String message) {
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        String suffix = HexFormat.of().toHexDigits(random.nextLong());
        return new EventBuilder().withNewMetadata().withName(involved.getName() + "." + suffix)
                .withNamespace(ns).endMetadata()
                .withInvolvedObject(involved)
                .withType(warning ? "Warning" : "Normal").withReason(reason)
                .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message)
                .withNewSource().withComponent(component).endSource()
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1).build();
    }

    @Override
    public void close() {
        executor.close();
    }
}
