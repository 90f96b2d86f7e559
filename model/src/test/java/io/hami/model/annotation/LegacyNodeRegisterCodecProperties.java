package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.decodesCleanly;
import static io.hami.model.annotation.CodecChecks.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.hami.model.device.DeviceGenerators;
import org.junit.jupiter.api.Test;

/** The legacy register codec carries every registration it can encode and survives any text. */
class LegacyNodeRegisterCodecProperties {

    private static final LegacyNodeRegisterCodec CODEC = LegacyNodeRegisterCodec.INSTANCE;
    private static final String ALPHABET = ",:,:;0123456789-+ tTrueFfalsGPU\u0660";

    @Test
    void decodeOfEncodeIsIdentity() {
        qt().withExamples(1000).forAll(DeviceGenerators.legacyRegistration())
                .checkAssert(value -> assertThat(roundTrip(CODEC, value)).isEqualTo(value));
    }

    @Test
    void anyTextDecodesOrFailsWithWireFormatException() {
        qt().withExamples(3000).forAll(CodecChecks.hostile(ALPHABET)).checkAssert(s -> decodesCleanly(CODEC, s));
    }

    @Test
    void nearMissesOfValidValuesDecodeOrFailWithWireFormatException() {
        qt().withExamples(3000).forAll(CodecChecks.mutated(CODEC, DeviceGenerators.legacyRegistration(), ALPHABET))
                .checkAssert(s -> decodesCleanly(CODEC, s));
    }
}
