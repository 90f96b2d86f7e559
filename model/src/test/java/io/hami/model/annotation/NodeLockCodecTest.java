package io.hami.model.annotation;

import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NodeLockCodecTest {

    private final NodeLockCodec codec = NodeLockCodec.INSTANCE;

    @Test
    void decodesOwnedLockWrittenInUtc() throws WireFormatException {
        NodeLock lock = codec.decode("2025-10-20T03:07:02Z,default,allocated-pod");

        assertThat(lock.acquiredAt()).isEqualTo(OffsetDateTime.of(2025, 10, 20, 3, 7, 2, 0, ZoneOffset.UTC));
        assertThat(lock.owner()).contains(new PodRef("default", "allocated-pod"));
        assertThat(lock.isLegacy()).isFalse();
    }

    @Test
    void decodesOwnedLockWrittenWithPositiveOffsetKeepingTheOffset() throws WireFormatException {
        NodeLock lock = codec.decode("2026-07-03T15:35:10+08:00,ns,pod");

        assertThat(lock.acquiredAt()).isEqualTo(OffsetDateTime.of(2026, 7, 3, 15, 35, 10, 0, ZoneOffset.ofHours(8)));
        assertThat(lock.acquiredAt().toInstant()).isEqualTo(Instant.parse("2026-07-03T07:35:10Z"));
        assertThat(lock.ownedBy("ns", "pod")).isTrue();
    }

    @Test
    void decodesLegacyTimestampOnlyLockWithoutOwner() throws WireFormatException {
        NodeLock lock = codec.decode("2026-08-01T06:00:00Z");

        assertThat(lock).isEqualTo(NodeLock.legacy(OffsetDateTime.parse("2026-08-01T06:00:00Z")));
        assertThat(lock.isLegacy()).isTrue();
        assertThat(lock.ownedBy("ns", "pod")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2025-10-20T03:07:02Z,default,allocated-pod | 2025-10-20T03:07:02Z,default,allocated-pod",
        "2026-07-03T15:35:10+08:00,ns,pod           | 2026-07-03T15:35:10+08:00,ns,pod",
        "2026-07-03T15:35:10-05:30,ns,pod.a-1       | 2026-07-03T15:35:10-05:30,ns,pod.a-1",
        "2026-08-01T06:00:00Z                       | 2026-08-01T06:00:00Z",
        "2026-08-01T06:00:00+00:00                  | 2026-08-01T06:00:00Z",
        "2026-08-01T06:00:00-00:00,a,b              | 2026-08-01T06:00:00Z,a,b",
        "2026-08-01T06:00:00.999999999Z             | 2026-08-01T06:00:00Z",
        "2026-08-01T06:00:00.5+01:00,a,b            | 2026-08-01T06:00:00+01:00,a,b",
        "0000-01-01T00:00:00Z                       | 0000-01-01T00:00:00Z",
        "2024-02-29T23:59:59+18:00                  | 2024-02-29T23:59:59+18:00",
    })
    void reEncodesAsGoRfc3339WithWholeSecondsAndZForUtc(String wire, String encoded) throws WireFormatException {
        assertThat(codec.encode(codec.decode(wire))).isEqualTo(encoded);
    }

    @Test
    void encodesHeldAndLegacyLocksGolden() {
        var at = OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 600_000_000, ZoneOffset.ofHoursMinutes(-3, -30));

        assertThat(codec.encode(NodeLock.heldBy(at, new PodRef("kube-system", "web-0"))))
                .isEqualTo("2025-01-02T03:04:05-03:30,kube-system,web-0");
        assertThat(codec.encode(NodeLock.legacy(at))).isEqualTo("2025-01-02T03:04:05-03:30");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''                                     | timestamp | not an RFC 3339 timestamp",
        "lock                                   | timestamp | not an RFC 3339 timestamp",
        "a,b                                    | value     | malformed lock annotation value",
        "2025-10-20T03:07:02Z,ns                | value     | malformed lock annotation value",
        "2025-10-20T03:07:02Z,ns,pod,extra      | value     | malformed lock annotation value",
        ",,,                                    | value     | malformed lock annotation value",
        "2025-10-20 03:07:02Z,ns,pod            | timestamp | not an RFC 3339 timestamp",
        "2025-10-20t03:07:02Z                   | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T03:07:02z                   | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T3:07:02Z                    | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T03:07:02,5Z                 | value     | malformed lock annotation value",
        "2025-10-20T03:07:02.Z                  | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T03:07:02                    | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T03:07:02+0800               | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T03:07:02+08                 | timestamp | not an RFC 3339 timestamp",
        "2025-02-29T03:07:02Z                   | timestamp | not an RFC 3339 timestamp",
        "2025-13-01T03:07:02Z                   | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T24:00:00Z                   | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T03:60:00Z                   | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T03:07:60Z                   | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T03:07:02+24:00              | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T03:07:02+08:60              | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T03:07:02+19:00              | timestamp | UTC offset beyond ±18:00",
        "+025-10-20T03:07:02Z                   | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T03:07:02Z ,ns,pod           | timestamp | not an RFC 3339 timestamp",
        "2025-10-20T03:07:02Z,,pod              | namespace | empty namespace",
        "2025-10-20T03:07:02Z,Default,pod       | namespace | not a DNS-1123 label",
        "2025-10-20T03:07:02Z,-ns,pod           | namespace | not a DNS-1123 label",
        "2025-10-20T03:07:02Z,ns.a,pod          | namespace | not a DNS-1123 label",
        "2025-10-20T03:07:02Z,ns,               | pod       | empty pod name",
        "2025-10-20T03:07:02Z,ns,Pod            | pod       | not a DNS-1123 subdomain",
        "2025-10-20T03:07:02Z,ns,pod_1          | pod       | not a DNS-1123 subdomain",
        "2025-10-20T03:07:02Z,ns,pod..a         | pod       | not a DNS-1123 subdomain",
        "2025-10-20T03:07:02Z,ns,pod-           | pod       | not a DNS-1123 subdomain",
        "2025-10-20T03:07:02Z,ns, pod           | pod       | not a DNS-1123 subdomain",
    })
    void rejectsMalformedLockNamingTheField(String wire, String field, String problem) {
        WireFormatException e = rejects(codec, wire);

        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(problem).contains(WireFormatException.quote(e.offending()));
    }

    @Test
    void rejectsNamesLongerThanKubernetesAllows() {
        String longNamespace = "n".repeat(64);
        String longPod = "p".repeat(250) + ".abc";

        assertThat(rejects(codec, "2025-10-20T03:07:02Z," + longNamespace + ",pod").problem())
                .isEqualTo("namespace longer than 63 characters");
        assertThat(rejects(codec, "2025-10-20T03:07:02Z,ns," + longPod).problem())
                .isEqualTo("pod name longer than 253 characters");
        assertThat(new PodRef("n".repeat(63), "p".repeat(249) + ".abc").name()).hasSize(253);
    }

    @Test
    void rejectsNullAsMissingValue() {
        assertThat(rejects(codec, null).problem()).isEqualTo("missing value");
    }

    @Test
    void ownedByComparesNamespaceAndName() {
        var lock = NodeLock.heldBy(OffsetDateTime.parse("2025-10-20T03:07:02Z"), new PodRef("ns", "pod-a"));

        assertThat(lock.ownedBy("ns", "pod-a")).isTrue();
        assertThat(lock.ownedBy("ns", "pod-b")).isFalse();
        assertThat(lock.ownedBy("other", "pod-a")).isFalse();
    }

    @Test
    void expiresOnlyWhenStrictlyOlderThanTheTimeout() {
        var lock = NodeLock.legacy(OffsetDateTime.parse("2025-10-20T03:07:02+02:00"));
        Instant acquired = Instant.parse("2025-10-20T01:07:02Z");
        Duration timeout = Duration.ofMinutes(5);

        assertThat(lock.expired(acquired.plus(timeout), timeout)).isFalse();
        assertThat(lock.expired(acquired.plus(timeout).plusNanos(1), timeout)).isTrue();
        assertThat(lock.expired(acquired.minusSeconds(3600), timeout)).isFalse();
    }

    @Test
    void truncatesAcquiredAtToWholeSecondsAndRejectsUnwritableTimes() {
        var at = OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 999_999_999, ZoneOffset.UTC);

        assertThat(NodeLock.legacy(at).acquiredAt()).isEqualTo(at.withNano(0));
        assertThatIllegalArgumentException().isThrownBy(() -> NodeLock.legacy(at.withYear(10_000)));
        assertThatIllegalArgumentException().isThrownBy(() -> NodeLock.legacy(at.withYear(-1)));
        assertThatIllegalArgumentException().isThrownBy(
                () -> NodeLock.legacy(at.withOffsetSameLocal(ZoneOffset.ofTotalSeconds(3601))));
        assertThatIllegalArgumentException().isThrownBy(() -> new PodRef("ns", "Bad"));
    }

    @Test
    void canonicalJsonCarriesOffsetAndOptionalOwner() {
        var held = NodeLock.heldBy(OffsetDateTime.parse("2026-07-03T15:35:10+08:00"), new PodRef("ns", "pod"));
        var legacy = new NodeLock(OffsetDateTime.parse("2026-08-01T06:00:00Z"), Optional.empty());

        assertThat(assertJsonRoundTrip(held, NodeLock.class)).isEqualTo(
                "{\"acquiredAt\":\"2026-07-03T15:35:10+08:00\",\"owner\":{\"namespace\":\"ns\",\"name\":\"pod\"}}");
        assertThat(assertJsonRoundTrip(legacy, NodeLock.class))
                .isEqualTo("{\"acquiredAt\":\"2026-08-01T06:00:00Z\",\"owner\":null}");
    }
}
