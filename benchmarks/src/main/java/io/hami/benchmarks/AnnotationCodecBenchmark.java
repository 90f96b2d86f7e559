package io.hami.benchmarks;

import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.model.device.PodDevices;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scheduler decodes every node's register annotation on each registration round and every pod's
 * allocation annotation on each pod event; these are the costs of one such decode (and encode) on a
 * realistic value: an 8-GPU node, and a pod of 4 containers holding 2 GPUs each.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AnnotationCodecBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AnnotationCodecBenchmark {
    private final NodeRegisterCodec registerCodec = NodeRegisterCodec.INSTANCE;
    private final PodDevicesCodec podCodec = PodDevicesCodec.INSTANCE;

    private NodeRegistration eightGpus;
    private String eightGpusWire;
    private PodDevices fourContainers;
    private String fourContainersWire;

    @Setup
    public void setUp() {
        var devices = new ArrayList<NodeDevice>();
        for (int i = 0; i < 8; i++) {
            devices.add(NodeDevice.of("GPU-" + String.format("%08x-e98b-a25b-5b0d-cf5c855d14%02d", 0x0fc3eda5 + i, i), i, 10,
                    40960, 100, "NVIDIA A100-SXM4-40GB", i / 4, "hami-core", true));
        }
        eightGpus = new NodeRegistration(devices);
        eightGpusWire = registerCodec.encode(eightGpus);
        var containers = new ArrayList<ContainerDevices>();
        for (int c = 0; c < 4; c++) {
            containers.add(ContainerDevices.of(
                    new ContainerDevice(devices.get(2 * c).id(), "NVIDIA", 10000, 30),
                    new ContainerDevice(devices.get(2 * c + 1).id(), "NVIDIA", 10000, 30)));
        }
        fourContainers = new PodDevices(containers);
        fourContainersWire = podCodec.encode(fourContainers);
    }

    @Benchmark
    public NodeRegistration decodeNodeRegisterEightGpus() throws WireFormatException {
        return registerCodec.decode(eightGpusWire);
    }

    @Benchmark
    public String encodeNodeRegisterEightGpus() {
        return registerCodec.encode(eightGpus);
    }

    @Benchmark
    public PodDevices decodePodDevicesFourContainers() throws WireFormatException {
        return podCodec.decode(fourContainersWire);
    }

    @Benchmark
    public String encodePodDevicesFourContainers() {
        return podCodec.encode(fourContainers);
    }
}
