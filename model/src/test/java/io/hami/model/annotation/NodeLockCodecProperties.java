package io.hami.model.annotation;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static io.hami.model.annotation.CodecChecks.assertWireRoundTrip;
import static io.hami.model.annotation.CodecChecks.decodeOrNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

class NodeLockCodecProperties {

    private static final String ALPHABET = "0123456789-T:Z+.,abz _";
    private static final DateTimeFormatter GO_RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final NodeLockCodec codec = NodeLockCodec.INSTANCE;

    private static Gen<NodeLock> locks() {
        return Generators.offsetDateTimes().zip(Generators.podRefs().toOptionals(20), NodeLock::new);
    }

    private Gen<String> lockLikeText() {
        Gen<String> encoded = locks().map(codec::encode);
        return Generate.oneOf(Generators.over(ALPHABET, 40), Generators.mutationsOf(encoded, ALPHABET),
                Generators.anyStrings());
    }

    @Test
    void decodeInvertsEncode() {
        qt().withExamples(1000).forAll(locks()).checkAssert(lock -> assertWireRoundTrip(codec, lock));
    }

    @Test
    void canonicalJsonRoundTrips() {
        qt().withExamples(1000).forAll(locks()).checkAssert(lock -> assertJsonRoundTrip(lock, NodeLock.class));
    }

    @Test
    void encodedTimestampIsWhatJavaFormatsAsRfc3339WithWholeSeconds() {
        qt().withExamples(1000).forAll(locks()).checkAssert(lock -> {
            OffsetDateTime at = lock.acquiredAt();

            assertThat(codec.encode(lock)).startsWith(GO_RFC3339.format(at));
            assertThat(at).isEqualTo(at.truncatedTo(ChronoUnit.SECONDS));
        });
    }

    @Test
    void anyTextIsDecodedOrRejectedWithWireFormatException() {
        qt().withExamples(3000).forAll(lockLikeText()).checkAssert(text -> {
            NodeLock lock = decodeOrNull(codec, text);
            if (lock != null) {
                assertThat(decodeOrNull(codec, codec.encode(lock))).isEqualTo(lock);
            }
        });
    }
}
