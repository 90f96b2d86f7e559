package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.decodesCleanly;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of every annotation codec (docs/reliability.md). One target serves them all, so that a
 * timed run gives each codec its share of one warm process: the input's first line names the format (a name that is
 * none picks a codec by its hash), the rest is the annotation value. Whatever the value, the codec returns a value
 * that encodes and decodes back to itself or fails with its own {@link WireFormatException}, whose message is one
 * line. The seeds are the HAMi-written strings of the codec tests; run without {@code JAZZER_FUZZ}, the target replays
 * them and every finding kept under {@code AnnotationCodecsFuzzTestInputs}.
 */
class AnnotationCodecsFuzzTest {

    private static final List<WireCodec<?>> CODECS = List.of(PodDevicesCodec.INSTANCE, NodeRegisterCodec.INSTANCE,
            LegacyNodeRegisterCodec.INSTANCE, NodeScoreCodec.INSTANCE, NodeLockCodec.INSTANCE, HandshakeCodec.INSTANCE,
            MigAllocationsCodec.INSTANCE, ScoringWeightsCodec.INSTANCE, GpuSchedulerPolicyCodec.INSTANCE,
            NodeSchedulerPolicyCodec.INSTANCE, GoBool.INSTANCE, AscendRuntimeInfoCodec.INSTANCE,
            CambriconProfileCodec.INSTANCE, CambriconProfileInstanceCodec.INSTANCE, MetaxSgpuDevicesCodec.INSTANCE,
            MetaxSgpuAllocationCodec.INSTANCE, MetaxTopologyCodec.INSTANCE, MthreadsGpuIndexCodec.INSTANCE);

    @FuzzTest
    void anyAnnotation(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String name = newline < 0 ? "" : text.substring(0, newline);
        String wire = newline < 0 ? text : text.substring(newline + 1);
        switch (name) {
            case "unix-seconds" -> unixTime(wire, false);
            case "unix-nanos" -> unixTime(wire, true);
            default -> {
                var codec = CODECS.stream().filter(c -> c.format().equals(name)).findFirst()
                        .orElse(CODECS.get(Math.floorMod(name.hashCode(), CODECS.size())));
                try {
                    decodesCleanly(codec, wire);
                } catch (AssertionError e) {
                    throw new AssertionError(codec.format() + ": " + WireFormatException.quote(wire), e);
                }
                oneLineMessage(codec, wire);
            }
        }
    }

    private static void unixTime(String wire, boolean nanos) {
        try {
            var time = nanos ? DecimalText.parseUnixNanos("t", "t", wire) : DecimalText.parseUnixSeconds("t", "t", wire);
            assertThat(time).isNotNull();
        } catch (WireFormatException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }

    private static void oneLineMessage(WireCodec<?> codec, String wire) {
        try {
            codec.decode(wire);
        } catch (WireFormatException e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
        }
    }
}
