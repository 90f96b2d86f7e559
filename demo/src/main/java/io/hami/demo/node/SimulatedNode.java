package io.hami.demo.node;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.deviceplugin.DevicePlugin;
import io.hami.http.HttpLimits;
import io.hami.http.HttpListener;
import io.hami.http.Routes;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.hami.kubelet.sim.KubeletStandIn;
import io.hami.monitor.MonitorDaemon;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated node running: the kubelet stand-in serving in the node's plugin directory, the Node object, the
 * monitor and the device plugin of any vendor (started by the caller's code, as {@code hami monitor} and {@code hami
 * device-plugin} start them), and, once the node is ready, the pod side of kubelet.
 *
 * <p>{@link #start} returns when the node is ready: the plugin registered each of its resources (its count and any
 * slot resources) and each listed its devices, the Node's capacity has every resource, the Node carries the plugin's
 * register annotation (where its type has one), the monitor answers {@code /metrics}, and the devices the plugin
 * serves are written to {@link NodeLayout#devicesFile()}. {@link #close()} stops everything in reverse: pods and
 * their containers, plugin, monitor, kubelet.
 */
public final class SimulatedNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedNode.class);

    /** The label every simulated node carries, the one the chart's daemons select nodes by. */
    public static final Map<String, String> DEVICE_NODE_LABEL = Map.of("gpu", "on");

    private final Settings settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final ExecutorService statusWriter;
    private int metricsPort;
    private String resource;

    /**
     * What the node is.
     *
     * @param nodeName           the Node's name
     * @param layout             its directories
     * @param labels             the Node's labels
     * @param registerAnnotation the Node annotation the device plugin writes once it registered its devices; empty for a
     *                           device type the scheduler learns from the node's capacity
     * @param startTimeout       the bound on each step of the start
     */
    public record Settings(String nodeName, NodeLayout layout, Map<String, String> labels, Optional<String> registerAnnotation,
            Duration startTimeout) {
        public Settings {
            Objects.requireNonNull(nodeName, "nodeName");
            Objects.requireNonNull(layout, "layout");
            labels = Map.copyOf(labels);
            Objects.requireNonNull(registerAnnotation, "registerAnnotation");
            Objects.requireNonNull(startTimeout, "startTimeout");
        }
    }

    /** Starts one of the node's daemons. */
    @FunctionalInterface
    public interface Daemon<T extends AutoCloseable> {
        T start() throws Exception;
    }

    private SimulatedNode(Settings settings) {
        this.settings = settings;
        this.statusWriter = Executors.newSingleThreadExecutor(r -> new Thread(r, "node-status-" + settings.nodeName()));
    }

    /**
     * Starts the node and waits until it is ready.
     *
     * @param client  the API client of the node's kubelet
     * @param runtime how containers start
     * @param monitor starts the monitor, over the node's layout
     * @param plugin  starts the device plugin, registering in {@link NodeLayout#pluginDir()}
     * @throws NodeStartException when a part does not start or the node is not ready in time; whatever had
     *                            started is stopped again
     */
    public static SimulatedNode start(Settings settings, KubernetesClient client, ContainerRuntime runtime,
            Daemon<MonitorDaemon> monitor, Daemon<? extends DevicePlugin> plugin) throws NodeStartException {
        var node = new SimulatedNode(settings);
        try {
            node.run(client, runtime, monitor, plugin);
            return node;
        } catch (NodeStartException e) {
            node.close();
            throw e;
        } catch (Exception e) {
            node.close();
            throw new NodeStartException("node " + settings.nodeName() + " did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a node of a device type whose device plugin is its vendor's own ({@link VendorPluginStandIn}): the Node
     * with the capacity and annotations that plugin would publish, an empty {@code /metrics} where the monitor would
     * serve, and the pod side of kubelet, which starts each bound pod's containers without an {@code Allocate} (no
     * plugin of ours serves these types) and reports the pod Running.
     *
     * @throws NodeStartException when a part does not start; whatever had started is stopped again
     */
    public static SimulatedNode startWithoutPlugin(Settings settings, KubernetesClient client,
            VendorPluginStandIn vendorPlugin) throws NodeStartException {
        var node = new SimulatedNode(settings);
        try {
            node.runWithoutPlugin(client, vendorPlugin);
            return node;
        } catch (Exception e) {
            node.close();
            throw new NodeStartException("node " + settings.nodeName() + " did not start: " + e.getMessage(), e);
        }
    }

    private void runWithoutPlugin(KubernetesClient client, VendorPluginStandIn vendorPlugin) throws Exception {
        var layout = settings.layout().create();
        var kubelet = KubeletStandIn.start(layout.pluginDir());
        started.add(kubelet);
        var nodeObject = new NodeObject(client, settings.nodeName(), settings.labels());
        nodeObject.register();
        nodeObject.capacity(vendorPlugin.capacity());
        nodeObject.annotate(vendorPlugin.annotations());
        var metrics = HttpListener.start("metrics", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.empty(), HttpLimits.forQueries(), Map.of("/metrics", Routes.metrics(new PrometheusRegistry())));
        started.add(metrics);
        metricsPort = metrics.port();
        resource = vendorPlugin.type().resources().count();
        var pods = new KubeletPods(client, settings.nodeName(), List.of(), kubelet, Map.of(), NO_DEVICES, layout);
        started.add(pods);
        pods.start();
    }

    /** Containers of a type no plugin of ours serves: nothing to start, nothing to stop. */
    private static final ContainerRuntime NO_DEVICES = (container, allocation) -> () -> { };

    private void run(KubernetesClient client, ContainerRuntime runtime, Daemon<MonitorDaemon> monitor,
            Daemon<? extends DevicePlugin> plugin) throws Exception {
        var layout = settings.layout().create();
        var kubelet = KubeletStandIn.start(layout.pluginDir());
        started.add(kubelet);
        var nodeObject = new NodeObject(client, settings.nodeName(), settings.labels());
        nodeObject.register();
        var devices = new ConcurrentHashMap<String, DeviceIds>();
        kubelet.onDevices((name, update) -> {
            devices.computeIfAbsent(name, r -> new DeviceIds()).update(update);
            statusWriter.execute(() -> {
                try {
                    nodeObject.devices(name, update);
                } catch (RuntimeException e) {
                    LOG.warn("node {}: status not updated: {}", settings.nodeName(), e.toString());
                }
            });
        });
        var monitorDaemon = monitor.start();
        started.add(monitorDaemon);
        metricsPort = monitorDaemon.port();
        var devicePlugin = plugin.start();
        started.add(devicePlugin);

        var timeout = settings.startTimeout();
        awaitRegistered(devicePlugin, timeout);
        var resources = kubelet.requestedResources();
        resource = resources.getFirst();
        for (var name : resources) {
            awaitStep("device list of " + name, () -> kubelet.awaitDevices(name, u -> u.getDevicesCount() > 0, timeout));
        }
        awaitStep("Node status with " + resources, () -> statusWriter.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        awaitNodeAnnotation(client, timeout);
        awaitMetrics(timeout);

        ServedDevices.of(devicePlugin.inventory().devices()).write(layout.devicesFile());

        var pods = new KubeletPods(client, settings.nodeName(), resources, kubelet, devices, runtime, layout);
        started.add(pods);
        pods.start();
    }

    /** Waits until the plugin registered each of its resources (its count and any slot resources) with this kubelet. */
    private void awaitRegistered(DevicePlugin plugin, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!plugin.healthy()) {
            if (System.nanoTime() > end) {
                throw new NodeStartException("node " + settings.nodeName() + ": the device plugin did not register all its "
                        + "resources within " + timeout, null);
            }
            Thread.sleep(20); // the plugin's registrations offer no wait
        }
    }

    private <T> T awaitStep(String what, java.util.concurrent.Callable<T> step) throws Exception {
        try {
            return step.call();
        } catch (IllegalStateException | java.util.concurrent.TimeoutException e) {
            throw new NodeStartException("node " + settings.nodeName() + ": no " + what + " within " + settings.startTimeout(), e);
        }
    }

    private void awaitNodeAnnotation(KubernetesClient client, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            var node = client.nodes().withName(settings.nodeName()).get();
            var annotations = node == null ? null : node.getMetadata().getAnnotations();
            if (settings.registerAnnotation().isEmpty()
                    || annotations != null && annotations.containsKey(settings.registerAnnotation().get())) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new NodeStartException("node " + settings.nodeName() + ": the device plugin wrote no "
                        + settings.registerAnnotation().get() + " within " + timeout, null);
            }
            Thread.sleep(50); // the API server offers no cheaper wait for one annotation than a watch
        }
    }

    private void awaitMetrics(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            var request = HttpRequest.newBuilder(URI.create(metricsUrl())).timeout(Duration.ofSeconds(5)).build();
            while (true) {
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not serving yet
                }
                if (System.nanoTime() > end) {
                    throw new NodeStartException("node " + settings.nodeName() + ": the monitor did not serve " + metricsUrl()
                            + " within " + timeout, null);
                }
                Thread.sleep(50);
            }
        }
    }

    /** The node's name. */
    public String name() {
        return settings.nodeName();
    }

    /** The resource name the device plugin registered first: its count resource. */
    public String resource() {
        return resource;
    }

    /** The monitor's metrics URL. */
    public String metricsUrl() {
        return "http://127.0.0.1:" + metricsPort + "/metrics";
    }

    /** The one line a node process prints on stdout once ready. */
    public String readyLine() {
        return "READY {\"node\":\"" + settings.nodeName() + "\",\"metrics\":\"" + metricsUrl() + "\"}";
    }

    /** Stops the pods and their containers, then the plugin, the monitor and the kubelet; idempotent. */
    @Override
    public synchronized void close() {
        for (var part : started.reversed()) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("node {}: {} did not stop cleanly: {}", settings.nodeName(), part.getClass().getSimpleName(), e.toString());
            }
        }
        started.clear();
        statusWriter.shutdown();
        try {
            statusWriter.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
