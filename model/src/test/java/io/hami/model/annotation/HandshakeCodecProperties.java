package io.hami.model.annotation;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static io.hami.model.annotation.CodecChecks.assertWireRoundTrip;
import static io.hami.model.annotation.CodecChecks.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

class HandshakeCodecProperties {

    private static final String ALPHABET = "0123456789-: .,_RequstingDlpoxT";
    private static final DateTimeFormatter GO_DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final HandshakeCodec codec = HandshakeCodec.INSTANCE;

    private static Gen<String> handshakeLikeText() {
        Gen<String> stamps = Generators.localDateTimes().map(HandshakeCodec::requesting);
        Gen<String> prefixed = Generate.pick(java.util.List.of("Requesting", "Requesting_", "Reported", "Reported_",
                "Deleted_", "")).zip(Generators.over(ALPHABET, 30), String::concat);
        return Generate.oneOf(stamps, Generators.mutationsOf(stamps, ALPHABET), prefixed, Generators.anyStrings());
    }

    private Gen<Handshake> handshakes() {
        return Generate.oneOf(Generators.localDateTimes().map(Handshake.Requesting::new),
                handshakeLikeText().map(text -> decode(codec, text)));
    }

    @Test
    void decodeInvertsEncode() {
        qt().withExamples(2000).forAll(handshakes()).checkAssert(h -> assertWireRoundTrip(codec, h));
    }

    @Test
    void canonicalJsonRoundTrips() {
        qt().withExamples(1000).forAll(handshakes()).checkAssert(h -> assertJsonRoundTrip(h, Handshake.class));
    }

    @Test
    void everyStringDecodesAndAllButTimedRequestsReEncodeByteForByte() {
        qt().withExamples(3000).forAll(handshakeLikeText()).checkAssert(text -> {
            Handshake handshake = decode(codec, text);

            assertThat(handshake.isRequesting()).isEqualTo(text.contains("Requesting"));
            if (!(handshake instanceof Handshake.Requesting)) {
                assertThat(codec.encode(handshake)).isEqualTo(text);
            }
        });
    }

    @Test
    void readsBackTheStampJavaFormatsIncludingGoOneDigitHour() {
        qt().withExamples(1000).forAll(Generators.localDateTimes()).checkAssert(at -> {
            var expected = new Handshake.Requesting(at.truncatedTo(ChronoUnit.SECONDS));
            String formatted = GO_DATETIME.format(at);

            assertThat(decode(codec, "Requesting_" + formatted)).isEqualTo(expected);
            if (at.getHour() < 10) {
                assertThat(decode(codec, "Requesting_" + formatted.replace(" 0", " "))).isEqualTo(expected);
            }
        });
    }

    @Test
    void requestingValuesKeepWholeSeconds() {
        qt().withExamples(200).forAll(Generators.localDateTimes()).checkAssert(at -> assertThat(
                new Handshake.Requesting(at).at()).isEqualTo(at.withNano(0)).isInstanceOf(LocalDateTime.class));
    }
}
