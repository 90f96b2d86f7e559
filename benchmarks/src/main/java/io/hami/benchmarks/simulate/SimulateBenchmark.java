package io.hami.benchmarks.simulate;

import io.hami.demo.simulate.PolicyComparison;
import io.hami.demo.simulate.SimulationReport;
import io.hami.demo.simulate.Trace;
import io.hami.demo.simulate.TraceGenerator;
import io.hami.demo.simulate.VirtualCluster;
import io.hami.model.annotation.GpuPolicyToken;
import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.NodeSchedulerPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code hami simulate --generate} run without its output (docs/simulate.md, "Speed"): a generated trace of
 * {@code pods} pods (seed 1, load 0.9, mean duration 1 h) replayed on {@code nodes} of the demo's machines for the
 * four node/GPU policy pairs, on {@code threads} threads. The trace is generated once per trial; a shot is the
 * replay. Run from the repository root after {@code ./mvnw -B -DskipTests package}:
 * {@code java -jar benchmarks/target/benchmarks.jar SimulateBenchmark} (the 100,000-pod shots take tens of seconds
 * each), or one size: {@code -p size=10000/100}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class SimulateBenchmark {

    /** Pods/nodes. */
    @Param({"10000/100", "100000/1000"})
    public String size;

    @Param({"2"})
    public int threads;

    private Trace trace;
    private VirtualCluster cluster;

    @Setup(Level.Trial)
    public void generate() {
        String[] parts = size.split("/");
        cluster = VirtualCluster.demo(Integer.parseInt(parts[1]));
        trace = new TraceGenerator(Integer.parseInt(parts[0]), 1, 0.9, Duration.ofHours(1).toMillis())
                .generate(cluster.capacity());
    }

    @Benchmark
    public SimulationReport replay() throws InterruptedException {
        return PolicyComparison.run("benchmark", trace, cluster,
                List.of(NodeSchedulerPolicy.BINPACK, NodeSchedulerPolicy.SPREAD),
                List.of(GpuSchedulerPolicy.of(GpuPolicyToken.BINPACK), GpuSchedulerPolicy.SPREAD),
                Duration.ofMinutes(30).toMillis(), threads);
    }
}
