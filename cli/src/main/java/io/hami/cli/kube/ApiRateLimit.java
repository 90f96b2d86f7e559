package io.hami.cli.kube;

/**
 * How many requests a daemon may send the API server: on average {@code qps} a second, and up to {@code burst} at
 * once after a quiet spell, as client-go's token bucket (HAMi's {@code --kube-qps} and {@code --kube-burst}). HAMi's
 * defaults are client-go's, 5 and 10; a zero flag means the default, as in HAMi; a negative QPS turns the limit off,
 * as in client-go.
 *
 * @param qps   requests a second; 0 or less only for {@link #UNLIMITED}
 * @param burst requests at once, at least 1 while limited
 */
public record ApiRateLimit(double qps, int burst) {

    /** client-go's defaults, which HAMi's daemons use. */
    public static final ApiRateLimit HAMI = new ApiRateLimit(5, 10);

    /** No client-side limit: the API server's own priority and fairness still applies. */
    public static final ApiRateLimit UNLIMITED = new ApiRateLimit(-1, 0);

    public ApiRateLimit {
        if (Double.isNaN(qps) || Double.isInfinite(qps)) {
            throw new IllegalArgumentException("--kube-qps: not a finite number: " + qps);
        }
        if (qps > 0 && burst < 1) {
            throw new IllegalArgumentException("--kube-burst: must be at least 1 while --kube-qps limits requests, "
                    + "but is " + burst);
        }
    }

    /**
     * The limit the flags ask for: 0 for either is HAMi's default; a negative QPS is no limit.
     *
     * @throws IllegalArgumentException for a negative burst or a QPS that is not a finite number
     */
    public static ApiRateLimit fromFlags(double qps, int burst) {
        if (Double.isNaN(qps) || Double.isInfinite(qps)) {
            throw new IllegalArgumentException("--kube-qps: not a finite number: " + qps);
        }
        if (burst < 0) {
            throw new IllegalArgumentException("--kube-burst: must not be negative, but is " + burst);
        }
        if (qps < 0) {
            return UNLIMITED;
        }
        return new ApiRateLimit(qps == 0 ? HAMI.qps() : qps, burst == 0 ? HAMI.burst() : burst);
    }

    /** Whether requests are limited at all. */
    public boolean limited() {
        return qps > 0;
    }

    @Override
    public String toString() {
        return limited() ? qps + " requests/s, bursts of " + burst : "unlimited";
    }
}
