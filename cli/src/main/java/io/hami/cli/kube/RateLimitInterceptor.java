package io.hami.cli.kube;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.TimeUnit;

/**
 * Holds every request to the API server (each try of a retried one, and the opening of each watch) until the token
 * bucket gives it a token, as client-go does before it sends. fabric8 calls it on the thread that sends the request.
 */
public final class RateLimitInterceptor implements Interceptor {

    /** Waits the given nanoseconds. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    /** The name it is installed under in the client. */
    public static final String NAME = "hami-rate-limit";

    private final TokenBucket bucket;
    private final Sleeper sleeper;

    RateLimitInterceptor(TokenBucket bucket, Sleeper sleeper) {
        this.bucket = bucket;
        this.sleeper = sleeper;
    }

    /** The interceptor for a limited rate, on the system clock. */
    public static RateLimitInterceptor of(ApiRateLimit limit) {
        return new RateLimitInterceptor(new TokenBucket(limit, System::nanoTime), TimeUnit.NANOSECONDS::sleep);
    }

    /** Makes every client the builder builds pass its requests through this interceptor. */
    public void installIn(KubernetesClientBuilder builder) {
        builder.withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(NAME, this));
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        long wait = bucket.take();
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                // The caller is being stopped: the request goes out (or fails) at once, and the flag stays set for it.
                Thread.currentThread().interrupt();
            }
        }
    }
}
