package io.hami.cli.simulate;

import io.hami.cli.PositiveDuration;
import io.hami.cli.UserInputException;
import io.hami.demo.simulate.Chart;
import io.hami.demo.simulate.PngCharts;
import io.hami.demo.simulate.PolicyComparison;
import io.hami.demo.simulate.SimulationReport;
import io.hami.demo.simulate.SvgCharts;
import io.hami.demo.simulate.Trace;
import io.hami.demo.simulate.TraceFiles;
import io.hami.demo.simulate.TraceGenerator;
import io.hami.demo.simulate.VirtualCluster;
import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.GpuSchedulerPolicyCodec;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.model.annotation.NodeSchedulerPolicyCodec;
import io.hami.model.wire.WireFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hami simulate}: replays a trace of pod arrivals and departures on a virtual cluster of the demo's machines
 * through the scheduler's filter, once per node/GPU policy pair, and reports utilization, fragmentation, waits and
 * refusals as a table (or JSON) and plots (docs/simulate.md).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Compare the scheduler's node/GPU policies on a trace of pods, on a virtual cluster.")
public final class SimulateCommand implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--trace", description = "The trace: YAML, or CSV when the name ends in .csv.")
        Path trace;

        @Option(names = "--generate", description = "Replay a synthetic trace (--pods, --seed, --load, "
                + "--mean-duration).")
        boolean generate;
    }

    @Option(names = "--nodes", defaultValue = "3", description = "Nodes of the virtual cluster, the demo's 8 x A100, "
            + "2 x V100 and 4 x A10 machines in turn (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--node-policy", split = ",", defaultValue = "binpack,spread",
            description = "Node policies to compare (default: ${DEFAULT-VALUE}).")
    List<String> nodePolicies;

    @Option(names = "--gpu-policy", split = ",", defaultValue = "binpack,spread",
            description = "GPU policies to compare (default: ${DEFAULT-VALUE}).")
    List<String> gpuPolicies;

    @Option(names = "--max-wait", defaultValue = "30m", converter = PositiveDuration.class,
            description = "How long a pod waits for devices before it counts as refused (default: ${DEFAULT-VALUE}).")
    Duration maxWait;

    @Option(names = "--pods", defaultValue = "10000", description = "--generate: how many pods (default: "
            + "${DEFAULT-VALUE}).")
    int pods;

    @Option(names = "--seed", defaultValue = "1", description = "--generate: the seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--load", defaultValue = "0.9", description = "--generate: GPU memory asked for, as a share of "
            + "the cluster's (default: ${DEFAULT-VALUE}).")
    double load;

    @Option(names = "--mean-duration", defaultValue = "1h", converter = PositiveDuration.class,
            description = "--generate: how long a pod runs on average (default: ${DEFAULT-VALUE}).")
    Duration meanDuration;

    @Option(names = "--write-trace", description = "--generate: also write the trace as CSV to this file.")
    Path writeTrace;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Option(names = "--plots", defaultValue = "simulation", description = "Directory for the plots, PNG and SVG "
            + "(default: ${DEFAULT-VALUE}).")
    Path plots;

    @Option(names = "--no-plots", description = "Write no plots.")
    boolean noPlots;

    @Option(names = "--threads", description = "Policy pairs replayed at once (default: the processors).")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<NodeSchedulerPolicy> nodeList = new ArrayList<>();
        for (String p : nodePolicies) {
            nodeList.add(parse("--node-policy", p, NodeSchedulerPolicyCodec.INSTANCE::decode));
        }
        List<GpuSchedulerPolicy> gpuList = new ArrayList<>();
        for (String p : gpuPolicies) {
            gpuList.add(parse("--gpu-policy", p, GpuSchedulerPolicyCodec.INSTANCE::decode));
        }
        if (nodes < 1) {
            throw new UserInputException("hami simulate: --nodes must be positive: " + nodes);
        }
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (workers < 1) {
            throw new UserInputException("hami simulate: --threads must be positive: " + workers);
        }
        var cluster = VirtualCluster.demo(nodes);
        Trace trace;
        String name;
        if (source.generate) {
            TraceGenerator generator;
            try {
                generator = new TraceGenerator(pods, seed, load, meanDuration.toMillis());
            } catch (IllegalArgumentException e) {
                throw new UserInputException("hami simulate: " + e.getMessage());
            }
            trace = generator.generate(cluster.capacity());
            name = String.format(Locale.ROOT, "generated: %d pods, seed %d, load %s, mean duration %s", pods, seed,
                    load, meanDuration);
            if (writeTrace != null) {
                Files.writeString(writeTrace, TraceFiles.toCsv(trace), StandardCharsets.UTF_8);
            }
        } else {
            try {
                trace = TraceFiles.read(source.trace);
            } catch (IOException e) {
                throw new UserInputException("hami simulate: " + e.getMessage());
            }
            name = source.trace.toString();
        }
        SimulationReport report;
        try {
            report = PolicyComparison.run(name, trace, cluster, nodeList, gpuList, maxWait.toMillis(), workers);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("hami simulate: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.json() : report.table());
        out.flush();
        if (!noPlots) {
            writePlots(report);
        }
        return 0;
    }

    private void writePlots(SimulationReport report) throws IOException {
        Files.createDirectories(plots);
        boolean awt = ModuleLayer.boot().findModule("java.desktop").isPresent();
        PrintWriter err = spec.commandLine().getErr();
        if (awt) {
            System.setProperty("java.awt.headless", "true");
        }
        var written = new ArrayList<Path>();
        for (Chart chart : Chart.of(report)) {
            written.add(SvgCharts.write(chart, plots));
            if (awt) {
                written.add(PngCharts.write(chart, plots));
            }
        }
        if (!awt) {
            err.println("hami simulate: this Java runtime has no java.desktop module, so the plots are SVG only");
        }
        err.println("hami simulate: plots written: " + String.join(", ", written.stream().map(Path::toString).toList()));
        err.flush();
    }

    private interface Decoder<T> {
        T decode(String text) throws WireFormatException;
    }

    private static <T> T parse(String option, String text, Decoder<T> decoder) throws UserInputException {
        try {
            return decoder.decode(text.strip());
        } catch (WireFormatException e) {
            throw new UserInputException("hami simulate: " + option + ": " + e.getMessage());
        }
    }
}
