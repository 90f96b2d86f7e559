package io.hami.scheduler.extender;

import io.hami.scheduler.bind.Binder;
import io.hami.scheduler.http.HttpFront;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The POST routes of the extender's listener (docs/scheduler.md, "Extender endpoints and JSON"): {@code /filter} and
 * {@code /bind}, with HAMi's answers to bodies it cannot use: an oversized body reads as truncated JSON
 * ({@code unexpected EOF}), an undecodable one is 200 with {@code Error} set. The webhook has a listener of its own.
 */
public final class ExtenderRoutes {

    private ExtenderRoutes() {
    }

    /**
     * The handlers by path. A filter call reads its candidate names into a list kept from call to call
     * ({@link NameList}), lent to one call at a time and taken back once the answer is written; a call that finds it
     * lent reads into a list of its own.
     */
    public static Map<String, HttpFront.Handler> of(ExtenderJson json, FilterService filter, Binder binder) {
        var spare = new AtomicReference<>(new NameList());
        return Map.of(
                "/filter", (body, length, truncated) -> {
                    if (truncated) {
                        return json.write(tooLarge());
                    }
                    NameList names = spare.getAndSet(null);
                    if (names == null) {
                        names = new NameList();
                    }
                    try {
                        ExtenderJson.FilterArgs args;
                        try {
                            args = json.filterArgs(body, length, filter.latest(), names);
                        } catch (IllegalArgumentException e) {
                            return json.write(ExtenderJson.FilterReply.error(e.getMessage()));
                        }
                        return json.write(filter.filter(args));
                    } finally {
                        if (names.keptAfterClear()) {
                            spare.set(names);
                        }
                    }
                },
                "/bind", (body, length, truncated) -> {
                    if (truncated) {
                        return json.bindReply(tooLarge().error());
                    }
                    ExtenderJson.BindArgs args;
                    try {
                        args = json.bindArgs(body, length);
                    } catch (IllegalArgumentException e) {
                        return json.bindReply(e.getMessage());
                    }
                    return json.bindReply(binder.bind(args.podNamespace(), args.podName(), args.podUid(),
                            args.node()));
                });
    }

    /** The body of a 500 answer. */
    public static Function<String, byte[]> failure(ExtenderJson json) {
        return message -> json.write(ExtenderJson.FilterReply.error(message));
    }

    private static ExtenderJson.FilterReply tooLarge() {
        return ExtenderJson.FilterReply.error("request body larger than " + HttpFront.MAX_BODY
                + " bytes: unexpected EOF");
    }
}
