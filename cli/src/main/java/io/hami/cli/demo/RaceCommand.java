package io.hami.cli.demo;

import io.hami.cli.UserInputException;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.demo.cluster.DemoCluster;
import io.hami.demo.cluster.Fixtures;
import io.hami.demo.cluster.NodeSpec;
import io.hami.demo.process.HamiLauncher;
import io.hami.demo.race.RaceSimulation;
import io.hami.demo.race.RandomPods;
import io.hami.demo.scheduling.StandInSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hami demo race}: many pods with random requests, random deletions, as much filter and bind concurrency as
 * the stand-in allows, over 8-GPU nodes (and, with {@code --workload mixed}, one node of each other vendor's device
 * type, the pods drawn evenly over all types); then checks that no device is over-committed and that every container
 * got its pod's allocation. Exit code 0 without violations, 1 with.
 */
@Command(name = "race", mixinStandardHelpOptions = true,
        description = "Schedule many random pods concurrently and audit the allocations for double booking.")
public final class RaceCommand implements Callable<Integer> {

    @Option(names = "--pods", defaultValue = "1000", description = "How many pods (default: ${DEFAULT-VALUE}).")
    int pods;

    @Option(names = "--nodes", description = "How many 8 x A100 nodes, split count 10 (default: 5; 1 with "
            + "--workload mixed).")
    Integer nodes;

    @Option(names = "--workload", defaultValue = "nvidia", description = "nvidia (NVIDIA pods) or mixed (pods of every "
            + "vendor, on one node of each other vendor's device type beside the A100 nodes; default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--mig", description = "Also the demo's MIG node (2 x A100-SXM4-40GB, dynamic MIG) and pods that "
            + "admit only GPUs in MIG mode, drawn as one more device type.")
    boolean mig;

    @Option(names = "--lockless-nodes", defaultValue = "0", description = "How many of the A100 nodes, from the first, "
            + "run their device plugin lockless (binds without the node lock; the others keep it). 0 by default.")
    int locklessNodes;

    @Option(names = "--seed", defaultValue = "1", description = "The random requests' seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--delete-fraction", defaultValue = "0.2", description = "Probability that a submission is "
            + "followed by deleting a random earlier pod (default: ${DEFAULT-VALUE}).")
    double deleteFraction;

    @Option(names = "--filter-concurrency", defaultValue = "8", description = "Filters in flight at once "
            + "(kube-scheduler: 1; default: ${DEFAULT-VALUE}).")
    int filterConcurrency;

    @Option(names = "--bind-concurrency", defaultValue = "256", description = "Binds in flight at once "
            + "(default: ${DEFAULT-VALUE}).")
    int bindConcurrency;

    @Option(names = "--submitters", defaultValue = "8", description = "Threads creating pods (default: "
            + "${DEFAULT-VALUE}).")
    int submitters;

    @Option(names = "--initial-backoff-ms", defaultValue = "1000", description = "The wait after a failed bind, "
            + "doubled per attempt (kube-scheduler: 1000; default: ${DEFAULT-VALUE}).")
    long initialBackoffMs;

    @Option(names = "--max-backoff-ms", defaultValue = "10000", description = "The longest wait (kube-scheduler: "
            + "10000; default: ${DEFAULT-VALUE}).")
    long maxBackoffMs;

    @Option(names = "--timeout", defaultValue = "1800", description = "Seconds the pods may take to settle "
            + "(default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--work-dir", description = "Where nodes keep their files (default: a temporary directory).")
    Path workDir;

    @Option(names = "--checkout", hidden = true)
    Path checkout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!workload.equals("nvidia") && !workload.equals("mixed")) {
            throw new UserInputException("hami demo race: --workload must be nvidia or mixed: " + workload);
        }
        boolean mixed = workload.equals("mixed");
        int nvidiaNodes = nodes != null ? nodes : mixed ? 1 : 5;
        positive("--pods", pods);
        positive("--nodes", nvidiaNodes);
        if (locklessNodes < 0 || locklessNodes > nvidiaNodes) {
            throw new UserInputException("hami demo race: --lockless-nodes must lie within 0..--nodes (" + nvidiaNodes + "): "
                    + locklessNodes);
        }
        positive("--filter-concurrency", filterConcurrency);
        positive("--bind-concurrency", bindConcurrency);
        positive("--submitters", submitters);
        positive("--timeout", timeoutSeconds);
        if (initialBackoffMs < 0 || maxBackoffMs < initialBackoffMs) {
            throw new UserInputException("hami demo race: need 0 <= --initial-backoff-ms <= --max-backoff-ms");
        }
        if (!(deleteFraction >= 0 && deleteFraction <= 1)) {
            throw new UserInputException("hami demo race: --delete-fraction must lie within 0..1: " + deleteFraction);
        }
        Fixtures fixtures;
        try {
            fixtures = Fixtures.inCheckout(Checkout.root(Optional.ofNullable(checkout)));
        } catch (IllegalStateException e) {
            throw new UserInputException("hami demo race: " + e.getMessage(), 1);
        }
        var specs = new ArrayList<NodeSpec>();
        for (int i = 1; i <= nvidiaNodes; i++) {
            specs.add(NodeSpec.of("race-" + i, "a100x8").withLockless(i <= locklessNodes));
        }
        var types = new ArrayList<>(RandomPods.NVIDIA_ONLY);
        if (mixed) {
            specs.addAll(NodeSpec.vendorMachines());
            types.addAll(NodeSpec.vendorMachineTypes());
        }
        if (mig) {
            specs.add(NodeSpec.migMachine());
            types.add(RandomPods.NVIDIA_MIG);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (var work = WorkDir.create(Optional.ofNullable(workDir))) {
            var settings = DemoCluster.Settings.of(work.path(), HamiLauncher.currentJvm(), fixtures, specs)
                    .withContainers("region-writer")
                    .withStandIn(StandInSettings.kubeScheduler("hami-scheduler")
                            .withConcurrency(filterConcurrency, bindConcurrency)
                            .withBackoff(Duration.ofMillis(initialBackoffMs), Duration.ofMillis(maxBackoffMs)));
            try (var cluster = DemoCluster.start(EmbeddedApiServer.start(work.path().resolve("api"), 0), settings)) {
                var report = RaceSimulation.run(cluster, new RaceSimulation.Settings(pods, seed, deleteFraction,
                        submitters, "default", Duration.ofSeconds(timeoutSeconds), types));
                print(report, out);
                return report.violations().isEmpty() ? 0 : 1;
            } catch (TimeoutException e) {
                throw new UserInputException("hami demo race: " + e.getMessage(), 1);
            }
        }
    }

    private static void positive(String option, long value) throws UserInputException {
        if (value < 1) {
            throw new UserInputException("hami demo race: " + option + " must be positive: " + value);
        }
    }

    static void print(RaceSimulation.Report r, PrintWriter out) {
        out.printf(Locale.ROOT, "pods created:          %d%n", r.created());
        out.printf(Locale.ROOT, "refused by webhook:    %d%n", r.rejected());
        out.printf(Locale.ROOT, "placed (bound):        %d%n", r.placed());
        out.printf(Locale.ROOT, "unschedulable:         %d%n", r.unschedulable());
        out.printf(Locale.ROOT, "deleted:               %d%n", r.deleted());
        out.printf(Locale.ROOT, "running at the end:    %d%n", r.running());
        out.printf(Locale.ROOT, "failed at admission:   %d%n", r.failed());
        out.printf(Locale.ROOT, "allocations checked:   %d%n", r.allocationsChecked());
        out.printf(Locale.ROOT, "violations:            %d%n", r.violations().size());
        r.violations().stream().limit(50).forEach(v -> out.println("  " + v));
        out.printf(Locale.ROOT, "time to settle:        %.1f s%n", r.elapsed().toMillis() / 1000.0);
        out.flush();
    }
}
