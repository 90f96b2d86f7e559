package io.hami.model.annotation;

import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static io.hami.model.annotation.CodecChecks.rejects;
import static io.hami.model.annotation.GpuPolicyToken.BINPACK;
import static io.hami.model.annotation.GpuPolicyToken.MUTEX;
import static io.hami.model.annotation.GpuPolicyToken.NUMA;
import static io.hami.model.annotation.GpuPolicyToken.SPREAD;
import static io.hami.model.annotation.GpuPolicyToken.TOPOLOGY_AWARE;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulerPolicyCodecsTest {

    private final NodeSchedulerPolicyCodec nodeCodec = NodeSchedulerPolicyCodec.INSTANCE;
    private final GpuSchedulerPolicyCodec gpuCodec = GpuSchedulerPolicyCodec.INSTANCE;

    @Test
    void nodePolicyReadsBinpackAndSpread() throws WireFormatException {
        assertThat(nodeCodec.decode("binpack")).isEqualTo(NodeSchedulerPolicy.BINPACK);
        assertThat(nodeCodec.decode("spread")).isEqualTo(NodeSchedulerPolicy.SPREAD);
        assertThat(nodeCodec.encode(NodeSchedulerPolicy.SPREAD)).isEqualTo("spread");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " spread", "Spread", "BINPACK", "random", "spread,binpack"})
    void nodePolicyRejectsWhatHamiWouldSilentlyTreatAsBinpack(String wire) {
        WireFormatException e = rejects(nodeCodec, wire);

        assertThat(e.field()).isEqualTo("value");
        assertThat(e.getMessage()).contains("unknown node scheduler policy (allowed: binpack, spread)");
    }

    @Test
    void policyWordsStringifyAsHamiNamesThem() {
        assertThat(List.of(BINPACK, SPREAD, TOPOLOGY_AWARE, MUTEX, NUMA)).extracting(GpuPolicyToken::wireName)
                .containsExactly("binpack", "spread", "topology-aware", "mutex", "numa");
        assertThat(GpuSchedulerPolicy.SPREAD).isEqualTo(GpuSchedulerPolicy.of(SPREAD));
    }

    @ParameterizedTest(name = "PolicyContains(\"{0}\", {1}) = {2}")
    @CsvSource(delimiter = '|', value = {
        "mutex                | MUTEX          | true",
        "spread               | MUTEX          | false",
        "mutex,spread         | MUTEX          | true",
        "spread,numa,mutex    | MUTEX          | true",
        "binpack,spread       | MUTEX          | false",
        "mutex, spread, numa  | NUMA           | true",
        "binpack,spread,numa  | TOPOLOGY_AWARE | false",
        "topology-aware       | TOPOLOGY_AWARE | true",
    })
    void containsMirrorsPolicyContains(String wire, GpuPolicyToken token, boolean expected) throws WireFormatException {
        assertThat(gpuCodec.decode(wire).contains(token)).isEqualTo(expected);
    }

    @Test
    void emptyPolicyIsRejectedWhereHamiFindsNothingInIt() {
        assertThat(rejects(gpuCodec, "").problem()).startsWith("empty policy (allowed: binpack, spread, "
                + "topology-aware, mutex, numa, or a comma list of them)");
    }

    @Test
    void singleWordsAreNotChainsExceptNuma() throws WireFormatException {
        for (GpuPolicyToken token : List.of(BINPACK, SPREAD, TOPOLOGY_AWARE, MUTEX)) {
            GpuSchedulerPolicy policy = gpuCodec.decode(token.wireName());
            assertThat(policy.isChain()).as(token.wireName()).isFalse();
            assertThat(policy.single()).contains(token);
        }
        GpuSchedulerPolicy numa = gpuCodec.decode("numa");
        assertThat(numa.isChain()).isTrue();
        assertThat(numa.chain(false)).containsExactly(NUMA);
        assertThat(gpuCodec.decode("binpack,numa").single()).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" numaBind={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "binpack,numa           | false | BINPACK NUMA",
        "spread,numa            | false | SPREAD NUMA",
        "numa,spread            | false | NUMA SPREAD",
        "mutex,spread           | false | SPREAD",
        "mutex,topology-aware   | false | SPREAD",
        "binpack,binpack,spread | false | BINPACK SPREAD",
        "binpack,spread         | true  | NUMA BINPACK SPREAD",
        "spread,numa            | true  | NUMA SPREAD",
        "numa,spread            | true  | NUMA SPREAD",
        "mutex,mutex            | true  | NUMA SPREAD",
        "numa                   | true  | NUMA",
    })
    void chainKeepsOrderingKeysOnceAndPutsNumaFirstUnderNumaBind(String wire, boolean numaBind, String keys)
            throws WireFormatException {
        GpuSchedulerPolicy policy = gpuCodec.decode(wire);

        assertThat(policy.isChain()).isTrue();
        assertThat(policy.chain(numaBind)).extracting(Enum::name).containsExactly(keys.split(" "));
    }

    @Test
    void listsAreTrimmedAndKeptInWrittenOrderWithRepeats() throws WireFormatException {
        GpuSchedulerPolicy policy = gpuCodec.decode(" binpack ,\tnuma,\u00a0binpack ");

        assertThat(policy.tokens()).containsExactly(BINPACK, NUMA, BINPACK);
        assertThat(gpuCodec.encode(policy)).isEqualTo("binpack,numa,binpack");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "random          | value     | unknown GPU scheduler policy (allowed: binpack, spread, topology-aware, mutex, numa",
        "Binpack         | value     | unknown GPU scheduler policy",
        "' binpack'      | value     | white space around a single policy",
        "'mutex\t'       | value     | white space around a single policy",
        "binpack,random  | tokens[1] | unknown GPU scheduler policy",
        "binpack,        | tokens[1] | empty policy",
        ",binpack        | tokens[0] | empty policy",
        "binpack,,spread | tokens[1] | empty policy",
        "'binpack, ,numa' | tokens[1] | empty policy",
        "topology_aware  | value     | unknown GPU scheduler policy",
    })
    void gpuPolicyRejectsUnknownOrEmptyWordsListingTheAllowedOnes(String wire, String field, String problem) {
        WireFormatException e = rejects(gpuCodec, wire);

        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(problem);
    }

    @Test
    void canonicalJsonUsesWireNames() {
        assertThat(assertJsonRoundTrip(GpuSchedulerPolicy.of(BINPACK, TOPOLOGY_AWARE), GpuSchedulerPolicy.class))
                .isEqualTo("{\"tokens\":[\"binpack\",\"topology-aware\"]}");
        assertThat(assertJsonRoundTrip(NodeSchedulerPolicy.BINPACK, NodeSchedulerPolicy.class)).isEqualTo("\"binpack\"");
    }
}
