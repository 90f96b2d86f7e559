package io.hami.model.annotation;

import io.hami.model.wire.WireCodec;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static io.hami.model.annotation.CodecChecks.assertWireRoundTrip;
import static io.hami.model.annotation.CodecChecks.decode;
import static io.hami.model.annotation.CodecChecks.decodeOrNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

/** Round trips and robustness of the small user-annotation codecs: weights, policies, Go booleans. */
class AnnotationCodecsProperties {

    private static final String ALPHABET = "slotcrmemy=,0123456789+- \t\u00a0binpakadwrxuTF";

    private final ScoringWeightsCodec weightsCodec = ScoringWeightsCodec.INSTANCE;
    private final GpuSchedulerPolicyCodec gpuCodec = GpuSchedulerPolicyCodec.INSTANCE;
    private final List<WireCodec<?>> allCodecs = List.of(weightsCodec, gpuCodec, NodeSchedulerPolicyCodec.INSTANCE,
            GoBool.INSTANCE);

    private static Gen<ScoringWeights> weights() {
        Gen<Long> w = Generate.oneOf(Generate.longRange(0, 10), Generate.longRange(0, Long.MAX_VALUE));
        return w.zip(w, w, (s, c, m) -> new long[] {s, c, m})
                .assuming(a -> a[0] != 0 || a[1] != 0 || a[2] != 0)
                .map(a -> new ScoringWeights(a[0], a[1], a[2]));
    }

    private static Gen<GpuSchedulerPolicy> gpuPolicies() {
        return lists().of(Generate.enumValues(GpuPolicyToken.class)).ofSizeBetween(1, 6).map(GpuSchedulerPolicy::new);
    }

    private Gen<String> annotationLikeText() {
        Gen<String> valid = Generate.oneOf(weights().map(weightsCodec::encode), gpuPolicies().map(gpuCodec::encode),
                Generate.pick(List.of("binpack", "spread", "true", "False", "1", "0")));
        return Generate.oneOf(Generators.over(ALPHABET, 40), Generators.mutationsOf(valid, ALPHABET),
                Generators.anyStrings());
    }

    @Test
    void weightsRoundTrip() {
        qt().withExamples(1000).forAll(weights()).checkAssert(weights -> {
            assertWireRoundTrip(weightsCodec, weights);
            assertJsonRoundTrip(weights, ScoringWeights.class);
        });
    }

    @Test
    void weightsIgnoreEntryOrderAndGoWhiteSpace() {
        Gen<String> spaces = Generators.over(" \t\n\u00a0\u0085\u3000", 3);
        qt().withExamples(1000).forAll(weights(), spaces, spaces, Generate.booleans()).checkAssert((w, a, b, reverse) -> {
            List<String> entries = new ArrayList<>(List.of(a + "slot" + b + "=" + a + w.slot() + b,
                    b + "core=" + w.core(), "memory" + a + "=" + w.memory() + a));
            if (reverse) {
                entries = entries.reversed();
            }
            assertThat(decode(weightsCodec, String.join(",", entries))).isEqualTo(w);
        });
    }

    @Test
    void gpuPoliciesRoundTrip() {
        qt().withExamples(1000).forAll(gpuPolicies()).checkAssert(policy -> {
            assertWireRoundTrip(gpuCodec, policy);
            assertJsonRoundTrip(policy, GpuSchedulerPolicy.class);
        });
    }

    @Test
    void chainHoldsEachOrderingKeyOnceAndLeadsWithNumaUnderNumaBind() {
        qt().withExamples(1000).forAll(gpuPolicies(), Generate.booleans()).checkAssert((policy, numaBind) -> {
            List<GpuPolicyToken> chain = policy.chain(numaBind);

            assertThat(chain).isNotEmpty().doesNotHaveDuplicates().allMatch(GpuPolicyToken::isOrderingKey);
            if (numaBind) {
                assertThat(chain.getFirst()).isEqualTo(GpuPolicyToken.NUMA);
            }
            assertThat(policy.isChain())
                    .isEqualTo(policy.tokens().size() > 1 || policy.single().orElseThrow() == GpuPolicyToken.NUMA);
        });
    }

    @Test
    void nodePolicyAndGoBoolRoundTrip() {
        qt().forAll(Generate.enumValues(NodeSchedulerPolicy.class), Generate.booleans()).checkAssert((policy, value) -> {
            assertWireRoundTrip(NodeSchedulerPolicyCodec.INSTANCE, policy);
            assertWireRoundTrip(GoBool.INSTANCE, value);
        });
    }

    @Test
    void anyTextIsDecodedOrRejectedWithWireFormatException() {
        qt().withExamples(3000).forAll(annotationLikeText()).checkAssert(text -> {
            for (WireCodec<?> codec : allCodecs) {
                reDecodes(codec, text);
            }
        });
    }

    private static <T> void reDecodes(WireCodec<T> codec, String text) {
        T value = decodeOrNull(codec, text);
        if (value != null) {
            assertThat(decodeOrNull(codec, codec.encode(value))).isEqualTo(value);
        }
    }
}
