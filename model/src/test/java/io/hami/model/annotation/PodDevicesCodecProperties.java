package io.hami.model.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.hami.model.device.DeviceGenerators;
import io.hami.model.device.PodDevices;
import io.hami.model.wire.WireCodec;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The pod devices codec carries every allocation, positionally, and survives any text. */
class PodDevicesCodecProperties extends CodecPropertyContract<PodDevices> {

    private static final PodDevicesCodec CODEC = PodDevicesCodec.INSTANCE;
    private static final String ALPHABET = ",:;,:;0123456789-+ GPUNVIDa\t\u00a0\u0661";

    @Override
    WireCodec<PodDevices> codec() {
        return CODEC;
    }

    @Override
    Gen<PodDevices> values() {
        return DeviceGenerators.podDevices();
    }

    @Override
    String alphabet() {
        return ALPHABET;
    }

    @Test
    void oneSemicolonPerContainer() {
        qt().withExamples(300).forAll(DeviceGenerators.podDevices()).checkAssert(value ->
                assertThat(CODEC.encode(value).chars().filter(c -> c == ';').count())
                        .isEqualTo(value.containers().size()));
    }
}
