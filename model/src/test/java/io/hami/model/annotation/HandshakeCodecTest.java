package io.hami.model.annotation;

import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HandshakeCodecTest {

    private final HandshakeCodec codec = HandshakeCodec.INSTANCE;

    @Test
    void readsSchedulerStampAsRequestingAtLocalTime() throws WireFormatException {
        Handshake h = codec.decode("Requesting_2128-12-02 00:00:00");

        assertThat(h).isEqualTo(new Handshake.Requesting(LocalDateTime.of(2128, 12, 2, 0, 0)));
        assertThat(h.isRequesting()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Requesting", "Requesting_not-a-timestamp", "Requesting_", "Requesting__2025-01-02 03:04:05",
        "Requesting_2025-01-02 03:04:05 ", "Requesting_2025-01-02T03:04:05", "Requesting_2025-02-29 00:00:00",
        "Requesting_2025-01-02 24:00:00", "Requesting_2025-1-02 03:04:05", "Requesting_2025-01-02 03:04:5",
        "Requesting_2025-01-02 03:04:05.", "Requesting_2025-01-02", "Reported Requesting"})
    void keepsRequestingWithoutParsableTimeAsUnparsedWhichHamiCountsHealthy(String wire) throws WireFormatException {
        Handshake h = codec.decode(wire);

        assertThat(h).isEqualTo(new Handshake.Unparsed(wire));
        assertThat(h.isRequesting()).isTrue();
        assertThat(codec.encode(h)).isEqualTo(wire);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Requesting_2025-01-02 03:04:05         | 2025-01-02T03:04:05",
        "Requesting_2025-01-02 3:04:05          | 2025-01-02T03:04:05",
        "Requesting_2025-01-02    03:04:05      | 2025-01-02T03:04:05",
        "Requesting_2025-01-02 03:04:05.999     | 2025-01-02T03:04:05",
        "Requesting_2025-01-02 03:04:05,5       | 2025-01-02T03:04:05",
        "Requesting_2024-02-29 23:59:59         | 2024-02-29T23:59:59",
        "Requesting_0000-01-01 00:00:00         | 0000-01-01T00:00:00",
        "xRequesting_2025-01-02 03:04:05        | 2025-01-02T03:04:05",
        "Requesting-x_2025-01-02 03:04:05       | 2025-01-02T03:04:05",
    })
    void parsesTheTimeAfterTheFirstUnderscoreWithGoDateTimeLeniency(String wire, LocalDateTime at)
            throws WireFormatException {
        assertThat(codec.decode(wire)).isEqualTo(new Handshake.Requesting(at));
    }

    @Test
    void recognisesVendorRepliesAndOldDeletionMarksByPrefix() throws WireFormatException {
        assertThat(codec.decode("Reported_2025.01.02 03:04:05"))
                .isEqualTo(new Handshake.Reported("_2025.01.02 03:04:05"));
        assertThat(codec.decode("Reported 2025-01-02 03:04:05.123 +0800 CST m=+1.2"))
                .isEqualTo(new Handshake.Reported(" 2025-01-02 03:04:05.123 +0800 CST m=+1.2"));
        assertThat(codec.decode("Deleted_2025-01-02 03:04:05")).isEqualTo(new Handshake.Deleted("_2025-01-02 03:04:05"));
        assertThat(codec.decode("Reported")).isEqualTo(new Handshake.Reported(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Unknown", "reported_2025", " Reported", "deleted", "REQUESTING_2025-01-02 03:04:05"})
    void sortsEverythingElseIncludingTheEmptyValueAsOtherWhichHamiRestamps(String wire) throws WireFormatException {
        Handshake h = codec.decode(wire);

        assertThat(h).isEqualTo(new Handshake.Other(wire));
        assertThat(h.isRequesting()).isFalse();
    }

    @Test
    void rejectsOnlyNull() {
        assertThat(rejects(codec, null).field()).isEqualTo("value");
    }

    @Test
    void encodesSchedulerStampAsGoDateTimeGolden() {
        assertThat(HandshakeCodec.requesting(LocalDateTime.of(2025, 1, 2, 3, 4, 5, 678_000_000)))
                .isEqualTo("Requesting_2025-01-02 03:04:05");
        assertThat(HandshakeCodec.requesting(LocalDateTime.of(7, 11, 30, 23, 0)))
                .isEqualTo("Requesting_0007-11-30 23:00:00");
        assertThat(codec.encode(new Handshake.Requesting(LocalDateTime.of(2128, 12, 2, 0, 0))))
                .isEqualTo("Requesting_2128-12-02 00:00:00");
    }

    @Test
    void reEncodesRepliesAndMarksByteForByte() throws WireFormatException {
        for (String wire : new String[] {"Reported_2025.01.02 03:04:05", "Deleted_x", "Unknown", ""}) {
            assertThat(codec.encode(codec.decode(wire))).isEqualTo(wire);
        }
    }

    @Test
    void requestExpiresSixtySecondsAfterItsLocalTimeInTheGivenZone() {
        var stamp = new Handshake.Requesting(LocalDateTime.of(2024, 1, 2, 8, 0));
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Instant written = Instant.parse("2024-01-02T00:00:00Z");

        assertThat(stamp.expired(written.plusSeconds(60), shanghai)).isFalse();
        assertThat(stamp.expired(written.plusSeconds(61), shanghai)).isTrue();
        assertThat(stamp.expired(written.plusSeconds(61), ZoneOffset.UTC)).isFalse();
    }

    @Test
    void staleSpecStampIsExpiredAndFarFutureStampIsNot() throws WireFormatException {
        var old = (Handshake.Requesting) codec.decode("Requesting_2024-01-02 00:00:00");
        var future = (Handshake.Requesting) codec.decode("Requesting_2128-12-02 00:00:00");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(old.expired(now, ZoneOffset.UTC)).isTrue();
        assertThat(future.expired(now, ZoneOffset.UTC)).isFalse();
    }

    @Test
    void variantConstructorsRejectValuesThatWouldDecodeDifferently() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Handshake.Other("Requesting"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Handshake.Other("Reported x"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Handshake.Other("Deleted"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Handshake.Unparsed("Requesting_2025-01-02 03:04:05"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Handshake.Unparsed("nothing"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Handshake.Reported(" Requesting"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Handshake.Deleted("_Requesting"));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new Handshake.Requesting(LocalDateTime.of(10_000, 1, 1, 0, 0)));
    }

    @Test
    void canonicalJsonNamesTheStateOfEachVariant() {
        assertThat(assertJsonRoundTrip(new Handshake.Requesting(LocalDateTime.of(2025, 1, 2, 3, 4, 5)), Handshake.class))
                .isEqualTo("{\"state\":\"requesting\",\"at\":\"2025-01-02T03:04:05\"}");
        assertThat(assertJsonRoundTrip(new Handshake.Unparsed("Requesting"), Handshake.class))
                .isEqualTo("{\"state\":\"unparsed\",\"raw\":\"Requesting\"}");
        assertThat(assertJsonRoundTrip(new Handshake.Reported("_2025.01.02 03:04:05"), Handshake.class))
                .isEqualTo("{\"state\":\"reported\",\"detail\":\"_2025.01.02 03:04:05\"}");
        assertThat(assertJsonRoundTrip(new Handshake.Deleted("_x"), Handshake.class))
                .isEqualTo("{\"state\":\"deleted\",\"detail\":\"_x\"}");
        assertThat(assertJsonRoundTrip(new Handshake.Other(""), Handshake.class))
                .isEqualTo("{\"state\":\"other\",\"raw\":\"\"}");
    }
}
