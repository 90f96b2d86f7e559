package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.decodesCleanly;
import static io.hami.model.annotation.CodecChecks.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.hami.model.device.DeviceGenerators;
import org.junit.jupiter.api.Test;

/** The pod devices codec carries every allocation, positionally, and survives any text. */
class PodDevicesCodecProperties {

    private static final PodDevicesCodec CODEC = PodDevicesCodec.INSTANCE;
    private static final String ALPHABET = ",:;,:;0123456789-+ GPUNVIDa\t\u00a0\u0661";

    @Test
    void decodeOfEncodeIsIdentity() {
        qt().withExamples(1000).forAll(DeviceGenerators.podDevices())
                .checkAssert(value -> assertThat(roundTrip(CODEC, value)).isEqualTo(value));
    }

    @Test
    void oneSemicolonPerContainer() {
        qt().withExamples(300).forAll(DeviceGenerators.podDevices()).checkAssert(value ->
                assertThat(CODEC.encode(value).chars().filter(c -> c == ';').count())
                        .isEqualTo(value.containers().size()));
    }

    @Test
    void anyTextDecodesOrFailsWithWireFormatException() {
        qt().withExamples(3000).forAll(CodecChecks.hostile(ALPHABET)).checkAssert(s -> decodesCleanly(CODEC, s));
    }

    @Test
    void nearMissesOfValidValuesDecodeOrFailWithWireFormatException() {
        qt().withExamples(3000).forAll(CodecChecks.mutated(CODEC, DeviceGenerators.podDevices(), ALPHABET))
                .checkAssert(s -> decodesCleanly(CODEC, s));
    }
}
