package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Coverage-guided fuzzing of every annotation codec (docs/reliability.md). One target serves them all, so that a
 * timed run gives each codec its share of one warm process: the input's first line names the format (a name that is
 * none picks a codec by its hash), the rest is the annotation value. Whatever the value, the codec returns a value
 * that encodes and decodes back to itself or fails with its own {@link WireFormatException}, whose message is one
 * line. The seeds are the HAMi-written strings of the codec tests; run without {@code JAZZER_FUZZ}, the target replays
 * them and every finding kept under {@code AnnotationCodecsFuzzTestInputs}.
 *
 * <p>Per execution the target does what a daemon does with one annotation, once: the codec is looked up in a map
 * (comparing the name with all eighteen formats had Jazzer hook and encode each comparison), and the value is decoded
 * once, the rejection's message checked on the same exception.
 */
class AnnotationCodecsFuzzTest {

    private static final List<WireCodec<?>> CODECS = List.of(PodDevicesCodec.INSTANCE, NodeRegisterCodec.INSTANCE,
            LegacyNodeRegisterCodec.INSTANCE, NodeScoreCodec.INSTANCE, NodeLockCodec.INSTANCE, HandshakeCodec.INSTANCE,
            MigAllocationsCodec.INSTANCE, ScoringWeightsCodec.INSTANCE, GpuSchedulerPolicyCodec.INSTANCE,
            NodeSchedulerPolicyCodec.INSTANCE, GoBool.INSTANCE, AscendRuntimeInfoCodec.INSTANCE,
            CambriconProfileCodec.INSTANCE, CambriconProfileInstanceCodec.INSTANCE, MetaxSgpuDevicesCodec.INSTANCE,
            MetaxSgpuAllocationCodec.INSTANCE, MetaxTopologyCodec.INSTANCE, MthreadsGpuIndexCodec.INSTANCE);
    private static final Map<String, WireCodec<?>> BY_FORMAT = CODECS.stream()
            .collect(Collectors.toUnmodifiableMap(WireCodec::format, Function.identity()));

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
                WireCodec<?> codec = BY_FORMAT.get(name);
                if (codec == null) {
                    codec = CODECS.get(Math.floorMod(name.hashCode(), CODECS.size()));
                }
                try {
                    decodesCleanlyOnOneLine(codec, wire);
                } catch (AssertionError e) {
                    throw new AssertionError(codec.format() + ": " + WireFormatException.quote(wire), e);
                }
            }
        }
    }

    /**
     * The codec's value encodes and decodes back to itself, or the codec rejects the text with its own
     * {@link WireFormatException} of one line; anything else escapes.
     */
    private static <T> void decodesCleanlyOnOneLine(WireCodec<T> codec, String wire) {
        T value;
        try {
            value = codec.decode(wire);
        } catch (WireFormatException e) {
            assertThat(e.format()).isEqualTo(codec.format());
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
            return;
        }
        assertThat(roundTrip(codec, value)).isEqualTo(value);
    }

    private static void unixTime(String wire, boolean nanos) {
        try {
            var time = nanos ? DecimalText.parseUnixNanos("t", "t", wire) : DecimalText.parseUnixSeconds("t", "t", wire);
            assertThat(time).isNotNull();
        } catch (WireFormatException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }
}
