package io.hami.monitor;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedInputException;
import io.hami.monitor.config.MonitorConfig;
import io.hami.monitor.metrics.BuildInfo;
import io.hami.monitor.metrics.HostGpus;
import io.hami.monitor.pods.InformerPodSource;
import io.hami.monitor.server.MonitorServer;
import java.io.IOException;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hami monitor} running: a Kubernetes client and pod informer, the vendor's library, one loop thread that
 * runs a {@link Monitor#runPass() pass} every feedback interval, and the HTTP server. {@link #close()} stops them
 * in the order that lets a pass in flight finish: server, loop, informer and client, then regions and the library.
 */
public final class MonitorDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorDaemon.class);

    private final KubernetesClient client;
    private final Monitor monitor;
    private final ScheduledExecutorService loop;
    private final MonitorServer server;

    private MonitorDaemon(KubernetesClient client, Monitor monitor, ScheduledExecutorService loop, MonitorServer server) {
        this.client = client;
        this.monitor = monitor;
        this.loop = loop;
        this.server = server;
    }

    /**
     * Starts the monitor described by {@code config}.
     *
     * @throws UntrustedInputException when the kubeconfig cannot be read or used
     * @throws IOException              when the address cannot be bound
     */
    public static MonitorDaemon start(MonitorConfig config, BuildInfo build) throws IOException {
        return start(config, client(config), build);
    }

    /**
     * Starts the monitor described by {@code config} on a client its caller made (the hami command's, with the
     * daemon's API limits); the daemon closes it.
     *
     * @throws IOException when the address cannot be bound
     */
    public static MonitorDaemon start(MonitorConfig config, KubernetesClient client, BuildInfo build)
            throws IOException {
        Monitor monitor = null;
        ScheduledExecutorService loop = null;
        try {
            var pods = InformerPodSource.start(client, config.nodeName(), config.resyncInterval());
            var host = HostGpus.of(config.vendor(), config.library());
            monitor = new Monitor(config, pods, host, InstantSource.system(), build);
            var m = monitor;
            loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "hami-monitor-loop"));
            loop.scheduleWithFixedDelay(m::runPass, 0, config.feedbackInterval().toMillis(), TimeUnit.MILLISECONDS);
            var server = MonitorServer.start(config.bindAddress(), m.registry(), m::writeMetricsText, m::healthy);
            LOG.info("hami monitor on node {} ({} host metrics): {} serving /metrics and /healthz on {}", config.nodeName(),
                    config.vendor().displayName(), config.containersDir(),
                    config.bindAddress().host().orElse("*") + ":" + server.port());
            return new MonitorDaemon(client, monitor, loop, server);
        } catch (IOException | RuntimeException e) {
            if (loop != null) {
                loop.shutdownNow();
            }
            if (monitor != null) {
                monitor.close();
            }
            client.close();
            throw e;
        }
    }

    /** The HTTP port. */
    public int port() {
        return server.port();
    }

    /** The monitor. */
    public Monitor monitor() {
        return monitor;
    }

    @Override
    public void close() {
        server.close();
        loop.shutdown();
        try {
            if (!loop.awaitTermination(10, TimeUnit.SECONDS)) {
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            loop.shutdownNow();
            Thread.currentThread().interrupt();
        }
        monitor.close();
        client.close();
        LOG.info("hami monitor stopped");
    }

    private static KubernetesClient client(MonitorConfig config) throws UntrustedInputException {
        var builder = new KubernetesClientBuilder();
        if (config.kubeconfig().isPresent()) {
            var file = config.kubeconfig().get();
            var text = UntrustedFiles.readText(file, UntrustedFiles.MAX_KUBECONFIG_BYTES);
            try {
                builder.withConfig(Config.fromKubeconfig(text));
            } catch (RuntimeException e) {
                throw new UntrustedInputException(file.toString(), "not a usable kubeconfig: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }
}
