package io.hami.demo.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.demo.workload.Workloads;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSpecTest {

    @Test
    void theMixedWorkloadGetsTheNvidiaNodesAndOneNodeOfEachOtherDeviceType() throws Exception {
        var pods = Workloads.load(Path.of("../examples/mixed.yaml"));

        assertThat(NodeSpec.forWorkload(pods, 1)).extracting(NodeSpec::name).containsExactly("gpu-a100-1", "mlu370-1",
                "ascend910b3-1", "dcu-z100-1", "iluvatar-bi-v150-1", "metax-sgpu-1", "metax-gpu-1", "mthreads-s4000-1");
        assertThat(NodeSpec.forWorkload(pods, 1)).extracting(NodeSpec::vendor).containsExactly("nvidia", "cambricon",
                "ascend", "hygon", "iluvatar", "metax-sgpu", "metax-gpu", "mthreads");
    }

    @Test
    void anNvidiaWorkloadGetsTheDefaultNodesOnly() throws Exception {
        var pods = Workloads.load(Path.of("../examples/demo.yaml"));

        assertThat(NodeSpec.forWorkload(pods, 3)).isEqualTo(NodeSpec.defaults(3));
    }

    @Test
    void aWorkloadOfOneOtherVendorGetsThatVendorsNodeAlone() throws Exception {
        var pods = Workloads.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: dcu}
                spec:
                  containers:
                  - name: main
                    image: busybox
                    resources: {limits: {hygon.com/dcunum: 1}}
                """, "test");

        assertThat(NodeSpec.forWorkload(pods, 3)).extracting(NodeSpec::name).containsExactly("dcu-z100-1");
    }

    @Test
    void aPodAskingOnlyNeuronCoresGetsTheNeuronMachine() throws Exception {
        var pods = Workloads.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: cores}
                spec:
                  containers:
                  - name: main
                    image: busybox
                    resources: {limits: {aws.amazon.com/neuroncore: 2}}
                """, "test");

        assertThat(NodeSpec.forWorkload(pods, 3)).extracting(NodeSpec::name).containsExactly("trn1-32xlarge-1");
    }

    @Test
    void theAllVendorsWorkloadGetsANodeOfEveryDeviceType() throws Exception {
        var pods = Workloads.load(Path.of("../examples/all-vendors.yaml"));

        assertThat(NodeSpec.forWorkload(pods, 1)).extracting(NodeSpec::name).containsExactly("gpu-a100-1", "mlu370-1",
                "ascend910b3-1", "dcu-z100-1", "iluvatar-bi-v150-1", "metax-sgpu-1", "metax-gpu-1", "mthreads-s4000-1",
                "kunlun-p800-1", "kunlun-vxpu-1", "enflame-gcu-1", "enflame-drs-1", "trn1-32xlarge-1", "amd-mi300x-1",
                "vastai-1", "biren-1");
    }

    @Test
    void theMigWorkloadGetsTheMigNodeAloneInDynamicMigMode() throws Exception {
        var pods = Workloads.load(Path.of("../examples/mig.yaml"));

        assertThat(NodeSpec.forWorkload(pods, 3)).containsExactly(NodeSpec.migMachine());
        assertThat(NodeSpec.migMachine().dynamicMig()).isTrue();
        assertThat(NodeSpec.migMachine().profile()).isEqualTo("a100-40gb-mig-x2");
    }

    @Test
    void migPodsBesideSharedNvidiaPodsGetTheDefaultNodesAndTheMigNode() throws Exception {
        var pods = Workloads.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: shared}
                spec:
                  containers:
                  - name: main
                    image: busybox
                    resources: {limits: {nvidia.com/gpu: 1}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: slice, annotations: {nvidia.com/vgpu-mode: mig}}
                spec:
                  containers:
                  - name: main
                    image: busybox
                    resources: {limits: {nvidia.com/gpu: 1}}
                """, "test");

        assertThat(NodeSpec.forWorkload(pods, 1)).extracting(NodeSpec::name).containsExactly("gpu-a100-1", "gpu-a100-mig-1");
        assertThat(NodeSpec.forWorkload(pods.subList(0, 1), 1)).extracting(NodeSpec::name).containsExactly("gpu-a100-1");
    }

    @Test
    void refusesDynamicMigOffNvidiaOrLockless() {
        assertThatThrownBy(() -> new NodeSpec("n", "cambricon", "smlu", 10, 0, Map.of(), false, "mig"))
                .hasMessageContaining("mode must be hami-core, or mig on an NVIDIA node on the node lock: n mig");
        assertThatThrownBy(() -> NodeSpec.migMachine().withLockless(true)).hasMessageContaining("mig");
        assertThatThrownBy(() -> new NodeSpec("n", "nvidia", "a100x8", 10, 0, Map.of(), false, "mps"))
                .hasMessageContaining("mps");
    }

    @Test
    void refusesAVendorWithoutAPlugin() {
        assertThatThrownBy(() -> new NodeSpec("n", "tpu", "machine", 10, 0, Map.of())).hasMessageContaining("tpu");
    }
}
