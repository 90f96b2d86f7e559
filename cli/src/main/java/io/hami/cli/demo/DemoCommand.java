package io.hami.cli.demo;


import io.fabric8.kubernetes.api.model.Pod;
import io.hami.cli.UserInputException;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.demo.containerd.PrivateContainerd;
import io.hami.demo.cluster.DemoCluster;
import io.hami.demo.cluster.MigTeardown;
import io.hami.demo.cluster.Fixtures;
import io.hami.demo.cluster.NodeSpec;
import io.hami.demo.process.HamiLauncher;
import io.hami.demo.report.PlacementTable;
import io.hami.demo.workload.Workloads;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hami demo}: the whole system on this machine. An embedded API server, the real scheduler and simulated nodes
 * ({@code hami node}: device plugin, monitor and kubelet stand-in over a vendor's mock library) as child processes, and
 * a kube-scheduler stand-in that sends the workload's pods through the webhook, {@code /filter} and {@code /bind}.
 * Prints a table per node and device and the pods that could not be placed, with the scheduler's reason.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, subcommands = RaceCommand.class,
        description = "Run the whole system on simulated GPU nodes and show where a workload lands.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "3", description = "How many NVIDIA nodes, cycling through an 8 x A100-40GB, "
            + "a 2 x V100-32GB and a 4 x A10 machine (default: ${DEFAULT-VALUE}); a workload that asks for other vendors' "
            + "devices adds one node of each such device type (docs/demo.md).")
    int nodes;

    @ArgGroup(exclusive = true)
    Workload workload = new Workload();

    static final class Workload {
        @Option(names = "--pods", description = "A YAML file of pods (documents separated by ---).")
        Path file;

        @Option(names = "--workload", description = "A workload of examples/ by name (default: demo).")
        String name;
    }

    @Option(names = "--once", description = "Print the table and exit instead of serving until Ctrl-C.")
    boolean once;

    @Option(names = "--port", defaultValue = "0", description = "The scheduler's extender and webhook port on "
            + "127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--containers", defaultValue = "auto", description = "How nodes start containers: auto (runc "
            + "through hami runtime when runc is usable, else the region writer), region-writer, runc or containerd "
            + "(each NVIDIA node gets a containerd of its own, with hami's runtime installed, and runs its pods through "
            + "its CRI API; needs root and containerd) (default: ${DEFAULT-VALUE}).")
    String containers;

    @Option(names = "--timeout", defaultValue = "150", description = "Seconds to wait for the cluster to start and "
            + "for the workload to settle (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--work-dir", description = "Where nodes keep their files and processes their logs (default: a "
            + "temporary directory, removed on exit).")
    Path workDir;

    @Option(names = "--checkout", hidden = true, description = "The source checkout holding the mocks and examples.")
    Path checkout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1) {
            throw new UserInputException("hami demo: --nodes must be at least 1: " + nodes);
        }
        if (!List.of("auto", "region-writer", "runc", "containerd").contains(containers)) {
            throw new UserInputException("hami demo: --containers must be auto, region-writer, runc or containerd: "
                    + containers);
        }
        if (containers.equals("containerd") && PrivateContainerd.unusable().isPresent()) {
            throw new UserInputException("hami demo: --containers containerd: " + PrivateContainerd.unusable().get());
        }
        if (port < 0 || port > 65535) {
            throw new UserInputException("hami demo: --port must lie in 0..65535: " + port);
        }
        if (timeoutSeconds < 1) {
            throw new UserInputException("hami demo: --timeout must be at least 1 second: " + timeoutSeconds);
        }
        Path root = Checkout.root(Optional.ofNullable(checkout));
        List<Pod> pods = pods(root);
        Fixtures fixtures = fixtures(root);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var work = WorkDir.create(Optional.ofNullable(workDir));
        var specs = NodeSpec.forWorkload(pods, nodes);
        var settings = DemoCluster.Settings.of(work.path(), HamiLauncher.currentJvm(), fixtures, specs)
                .withSchedulerPort(port).withContainers(containers).withStartTimeout(Duration.ofSeconds(timeoutSeconds));
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        err.printf("hami demo: starting the API server, the scheduler and %d node(s) in %s%n", specs.size(), work.path());
        err.flush();
        DemoCluster cluster;
        try {
            cluster = DemoCluster.start(EmbeddedApiServer.start(work.path().resolve("api"), 0), settings);
        } catch (TimeoutException | IllegalStateException e) {
            work.close();
            throw new UserInputException("hami demo: " + e.getMessage(), 1);
        }
        try {
            err.printf("hami demo: submitting %d pod(s)%n", pods.size());
            err.flush();
            cluster.submit(pods, "default");
            cluster.awaitSettled(timeout);
            cluster.awaitMonitors(Duration.ofSeconds(20));
            var snapshot = cluster.snapshot();
            PlacementTable.print(snapshot, out);
            if (once) {
                var teardown = MigTeardown.run(cluster, snapshot, timeout);
                if (teardown.isPresent()) {
                    teardown.get().print(out);
                    if (!teardown.get().allDestroyed()) {
                        throw new UserInputException("hami demo: MIG instances of deleted pods were not destroyed within "
                                + timeout.toSeconds() + " s", 1);
                    }
                }
                return 0;
            }
            serve(cluster, work, out);
            return 0;
        } catch (TimeoutException e) {
            throw new UserInputException("hami demo: " + e.getMessage(), 1);
        } finally {
            cluster.close();
            work.close();
        }
    }

    /** Prints the endpoints and blocks; on Ctrl-C or SIGTERM the shutdown hook stops everything and cleans up. */
    private void serve(DemoCluster cluster, WorkDir work, PrintWriter out) throws InterruptedException {
        out.println();
        out.println("Serving until Ctrl-C:");
        out.println("  API server          " + ((EmbeddedApiServer) cluster.api()).url()
                + "  (kubeconfig " + cluster.api().kubeconfig() + ")");
        out.println("  scheduler extender  " + cluster.scheduler().extender() + "  (/filter, /bind)");
        out.println("  scheduler webhook   " + cluster.scheduler().webhook() + "  (/webhook)");
        out.println("  scheduler metrics   " + cluster.scheduler().metrics());
        out.println("  allocation page     " + cluster.scheduler().allocationPage());
        cluster.nodes().forEach(n -> out.printf("  %-19s %s%n", n.spec().name(), n.metrics()));
        out.flush();
        // the JVM does not wait for this thread once the hooks are done, so the hook itself cleans up
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            cluster.close();
            work.close();
        }));
        new CountDownLatch(1).await();
    }

    private List<Pod> pods(Path root) throws UserInputException {
        Path file = workload.file != null ? workload.file
                : root.resolve("examples").resolve((workload.name == null ? "demo" : workload.name) + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("hami demo: no workload at " + file);
        }
        try {
            return Workloads.load(file);
        } catch (IOException e) {
            throw new UserInputException("hami demo: " + e.getMessage());
        }
    }

    private static Fixtures fixtures(Path root) throws UserInputException {
        try {
            return Fixtures.inCheckout(root);
        } catch (IllegalStateException e) {
            throw new UserInputException("hami demo: " + e.getMessage(), 1);
        }
    }
}
