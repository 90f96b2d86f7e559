package io.hami.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket of {@code --kube-qps} and {@code --kube-burst}, on a clock the test moves. */
class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aFullBucketLetsABurstThroughThenSpacesRequestsByOneOverQps() {
        var bucket = new TokenBucket(new ApiRateLimit(2, 3), now::get);
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).as("the fourth waits for half a second's token").isEqualTo(500_000_000L);
        assertThat(bucket.take()).as("the fifth queues behind it").isEqualTo(1_000_000_000L);
    }

    @Test
    void aQuietSpellRefillsTheBucketUpToTheBurstOnly() {
        var bucket = new TokenBucket(new ApiRateLimit(10, 2), now::get);
        bucket.take();
        bucket.take();
        now.addAndGet(60_000_000_000L);
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isEqualTo(100_000_000L);
    }

    @Test
    void zeroFlagsMeanHamisDefaultsAndANegativeQpsNoLimit() {
        assertThat(ApiRateLimit.fromFlags(0, 0)).isEqualTo(new ApiRateLimit(5, 10));
        assertThat(ApiRateLimit.fromFlags(50, 0)).isEqualTo(new ApiRateLimit(50, 10));
        assertThat(ApiRateLimit.fromFlags(-1, 7).limited()).isFalse();
        assertThatThrownBy(() -> ApiRateLimit.fromFlags(5, -1)).hasMessage("--kube-burst: must not be negative, but is -1");
        assertThatThrownBy(() -> ApiRateLimit.fromFlags(Double.NaN, 1)).hasMessage("--kube-qps: not a finite number: NaN");
        assertThatThrownBy(() -> new TokenBucket(ApiRateLimit.UNLIMITED, now::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
