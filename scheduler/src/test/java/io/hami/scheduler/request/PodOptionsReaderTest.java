package io.hami.scheduler.request;

import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.annotation.GpuPolicyToken;
import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.model.annotation.ScoringWeights;
import io.hami.model.protocol.MetaxAppClass;
import io.hami.scheduler.vendor.DeviceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** util_test / device_scoring_weights_test: policies, weights and numa-bind from pod annotations. */
class PodOptionsReaderTest {

    private static final DeviceTypes TYPES = DeviceTypes.defaults();

    private static PodOptions read(String... annotations) throws RequestException {
        return PodOptionsReader.read(pod("p").annotate(annotations).build(), TYPES, GpuSchedulerPolicy.of(
                GpuPolicyToken.BINPACK), NodeSchedulerPolicy.BINPACK);
    }

    @Test
    void getGpuSchedulerPolicyByPodFallsBackToTheFlag() throws Exception {
        assertThat(read().gpuPolicy()).isEqualTo(GpuSchedulerPolicy.of(GpuPolicyToken.BINPACK));
        assertThat(read("other", "x").gpuPolicy()).isEqualTo(GpuSchedulerPolicy.of(GpuPolicyToken.BINPACK));
        assertThat(read("hami.io/gpu-scheduler-policy", "spread").gpuPolicy()).isEqualTo(GpuSchedulerPolicy.SPREAD);
        assertThat(read("hami.io/node-scheduler-policy", "spread").nodePolicy()).isEqualTo(NodeSchedulerPolicy.SPREAD);
    }

    @ParameterizedTest(name = "PolicyContains({0}, mutex) = {1}")
    @CsvSource(delimiter = '|', value = {"mutex | true", "spread | false", "mutex,spread | true",
        "spread,numa,mutex | true", "binpack,spread | false", "mutex, spread, numa | true"})
    void policyContainsMutex(String policy, boolean expected) throws Exception {
        assertThat(read("hami.io/gpu-scheduler-policy", policy).mutex()).isEqualTo(expected);
    }

    @Test
    void policyContainsTopologyAware() throws Exception {
        assertThat(read("hami.io/gpu-scheduler-policy", "binpack,spread,numa").topologyAware()).isFalse();
        assertThat(read("hami.io/gpu-scheduler-policy", "mutex,topology-aware").topologyAware()).isTrue();
    }

    @Test
    void weightsDefaultToOneEach() throws Exception {
        assertThat(read().weights()).isEqualTo(ScoringWeights.DEFAULT);
        assertThat(read("hami.io/device-scoring-weights", "slot=1,core=1,memory=3").weights())
                .isEqualTo(new ScoringWeights(1, 1, 3));
        assertThat(read("hami.io/device-scoring-weights", " memory=3, slot=2 ,core=1 ").weights())
                .isEqualTo(new ScoringWeights(2, 1, 3));
    }

    @ParameterizedTest(name = "weights {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                        | expected slot, core, and memory weights",
        "slot=1,memory=3           | expected slot, core, and memory weights",
        "slot=1,core,memory=3      | expected key=value entries",
        "slot=1,core=high,memory=1 | \"core\" weight must be an integer",
        "slot=1,core=-1,memory=1   | \"core\" weight must not be negative",
        "slot=1,bandwidth=2,core=1 | unknown weight \"bandwidth\"",
        "slot=1,slot=2,core=1      | duplicate \"slot\" weight",
        "slot=0,core=0,memory=0    | at least one weight must be positive",
    })
    void invalidWeightsFailTheFilter(String value, String problem) {
        assertThatThrownBy(() -> read("hami.io/device-scoring-weights", value))
                .isInstanceOf(RequestException.class)
                .hasMessageContaining("hami.io/device-scoring-weights").hasMessageContaining(problem);
    }

    @Test
    void aMistypedPolicyIsAnErrorNotSpread() {
        assertThatThrownBy(() -> read("hami.io/gpu-scheduler-policy", "binpak"))
                .isInstanceOf(RequestException.class).hasMessageContaining("unknown GPU scheduler policy");
        assertThatThrownBy(() -> read("hami.io/node-scheduler-policy", "Spread"))
                .isInstanceOf(RequestException.class).hasMessageContaining("unknown node scheduler policy");
    }

    @ParameterizedTest(name = "numa-bind {0}")
    @ValueSource(strings = {"true", "1", "t", "T", "TRUE", "True"})
    void numaBindTrue(String value) throws Exception {
        assertThat(read("nvidia.com/numa-bind", value).numaBind()).isTrue();
    }

    @ParameterizedTest(name = "numa-bind {0} is off")
    @ValueSource(strings = {"false", "0", "invalid", "yes", ""})
    void numaBindFalseOrInvalid(String value) throws Exception {
        assertThat(read("nvidia.com/numa-bind", value).numaBind()).isFalse();
        assertThat(read().numaBind()).isFalse();
    }

    @Test
    void perTypeUuidAndTypeFilters() throws Exception {
        var o = read("nvidia.com/use-gpuuuid", " abc , 123 ", "nvidia.com/nouse-gputype", "A100",
                "hami.io/use-Ascend910B3-uuid", "npu-1");
        int nvidia = TYPES.byId("nvidia").orElseThrow().ordinal();
        int ascend = TYPES.byId("ascend-910b3").orElseThrow().ordinal();
        assertThat(o.uuidFilter(nvidia).admits("abc")).isTrue();
        assertThat(o.uuidFilter(nvidia).admits("1abc")).isFalse();
        assertThat(o.typeFilter(nvidia).admits("NVIDIA-A100")).isFalse();
        assertThat(o.typeFilter(nvidia).admits("NVIDIA-V100")).isTrue();
        assertThat(o.uuidFilter(ascend).admits("npu-1")).isTrue();
        assertThat(o.uuidFilter(ascend).admits("abc")).isFalse();
        assertThat(o.metaxQos()).isEqualTo("best-effort");
        assertThat(o.metaxClass()).isEmpty();
        assertThat(o.metaxTopologyAware()).isEmpty();
    }

    @Test
    void readsMetaxAppClassAndTopologyAwareness() throws Exception {
        var o = read("metax-tech.com/sgpu-app-class", "online", "metax-tech.com/sgpu-topology-aware", "T");
        assertThat(o.metaxClass()).contains(MetaxAppClass.ONLINE);
        assertThat(o.metaxQos()).as("online pods keep no policy").isEmpty();
        assertThat(o.metaxTopologyAware()).contains(true);
        var other = read("metax-tech.com/sgpu-app-class", "Online", "metax-tech.com/sgpu-topology-aware", "yes");
        assertThat(other.metaxClass()).as("compared exactly").isEmpty();
        assertThat(other.metaxTopologyAware()).as("unreadable: the device config decides").isEmpty();
    }
}
