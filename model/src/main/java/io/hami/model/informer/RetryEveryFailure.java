package io.hami.model.informer;

import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * What every informer of ours does when its list or watch fails: log one warning and let fabric8 try again with its
 * backoff. fabric8's default handler stops an informer for good when its first list fails, so a daemon started while
 * the API server is unreachable would never sync (docs/reliability.md, "Informers that start during an outage").
 */
public final class RetryEveryFailure implements ExceptionHandler {

    private final String what;
    private final Consumer<String> warn;

    RetryEveryFailure(String what, Consumer<String> warn) {
        this.what = Objects.requireNonNull(what, "what");
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /**
     * Makes {@code informer} (not yet started) retry every failure, each logged as a warning naming {@code what} it
     * watches ("pods of node gpu-1").
     */
    public static void install(SharedIndexInformer<?> informer, String what) {
        informer.exceptionHandler(new RetryEveryFailure(what, LoggerFactory.getLogger(RetryEveryFailure.class)::warn));
    }

    @Override
    public boolean retryAfterException(boolean listed, Throwable error) {
        warn.accept(what + ": " + (listed ? "watch" : "first list") + " failed (" + error + "); the informer tries again");
        return true;
    }
}
