package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.decodesCleanly;
import static io.hami.model.annotation.CodecChecks.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.hami.model.device.DeviceGenerators;
import org.junit.jupiter.api.Test;

/** The JSON register codec carries every registration and survives any text. */
class NodeRegisterCodecProperties {

    private static final NodeRegisterCodec CODEC = NodeRegisterCodec.INSTANCE;
    private static final String ALPHABET = "[]{}\":,.-+eE0123456789 \\ntrufalsidcoxmh\u017f";

    @Test
    void decodeOfEncodeIsIdentity() {
        qt().withExamples(1000).forAll(DeviceGenerators.registration())
                .checkAssert(value -> assertThat(roundTrip(CODEC, value)).isEqualTo(value));
    }

    @Test
    void encodingIsCompactAsciiSafeJson() {
        qt().withExamples(300).forAll(DeviceGenerators.registration()).checkAssert(value -> {
            String wire = CODEC.encode(value);
            assertThat(wire).doesNotContain("<", ">", "&", "\u2028", "\u2029", "\n");
            assertThat(wire).startsWith("[{").endsWith("}]");
        });
    }

    @Test
    void anyTextDecodesOrFailsWithWireFormatException() {
        qt().withExamples(3000).forAll(CodecChecks.hostile(ALPHABET)).checkAssert(s -> decodesCleanly(CODEC, s));
    }

    @Test
    void nearMissesOfValidValuesDecodeOrFailWithWireFormatException() {
        qt().withExamples(3000).forAll(CodecChecks.mutated(CODEC, DeviceGenerators.registration(), ALPHABET))
                .checkAssert(s -> decodesCleanly(CODEC, s));
    }
}
