package io.hami.cli.scheduler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.cli.HamiCommand;
import io.hami.cli.UserInputException;
import io.hami.cli.deviceplugin.KubeClients;
import io.hami.cli.kube.ApiClientOptions;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.daemon.SchedulerDaemon;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hami scheduler}: the scheduler extender and mutating webhook (HAMi's {@code scheduler} binary), with its
 * flags. Runs until SIGTERM or SIGINT, then stops accepting requests, lets those in flight finish (up to 5 s), and
 * stops the informers. Invalid flags or an invalid device config exit with code 2 before anything starts.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = "Run the scheduler extender (filter, bind) and the mutating webhook.")
public final class SchedulerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerCommand.class);

    @Mixin
    SchedulerOptions options;

    @Mixin
    ApiClientOptions api;

    @Option(names = "--print-config", description = "Print the effective configuration and exit.")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DaemonConfig config = options.resolve(System.getenv(), buildInfo());
        var kubeTimeout = options.kubeTimeout();
        var limit = api.limit("hami scheduler");
        if (printConfig) {
            ConfigText.lines(config).forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().println("kube-api: " + limit);
            spec.commandLine().getOut().flush();
            return 0;
        }
        KubernetesClient client = KubeClients.create(Optional.empty(), kubeTimeout, limit, KubeClients.Reads.MODEL);
        SchedulerDaemon daemon;
        try {
            daemon = SchedulerDaemon.start(config, client, Clock.systemDefaultZone());
        } catch (IOException | GeneralSecurityException e) {
            client.close();
            throw new UserInputException("hami scheduler: " + e.getMessage());
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("hami-shutdown").unstarted(() -> {
            LOG.info("shutting down");
            daemon.close();
            client.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private static Map<String, String> buildInfo() {
        var props = new java.util.Properties();
        try (var in = HamiCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // build info is decoration; the labels stay empty
        }
        return Map.of("version", props.getProperty("version", ""), "revision", "", "build_date", "",
                "go_version", "java" + Runtime.version().feature(), "compiler", "javac",
                "platform", System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT) + "/"
                        + System.getProperty("os.arch", ""));
    }
}
