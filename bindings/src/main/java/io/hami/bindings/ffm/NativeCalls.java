package io.hami.bindings.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Calls into one library and packs what came back into {@link NativeResult}s: the frame for out-parameters,
 * the status check, the copy into Java values before the frame closes and the rethrow of what a downcall
 * throws, written once. The binding passes a lambda that makes the exact {@code invokeExact} call, so every
 * handle keeps its exact type.
 */
public final class NativeCalls {

    private final StatusTable<?> statuses;

    public NativeCalls(StatusTable<?> statuses) {
        this.statuses = statuses;
    }

    /** The library's status codes. */
    public StatusTable<?> statuses() {
        return statuses;
    }

    /** A call without out-parameters. */
    @FunctionalInterface
    public interface Plain {
        int call() throws Throwable;
    }

    /** A call given one zeroed out-parameter (a struct, a buffer or a scalar). */
    @FunctionalInterface
    public interface WithOut {
        int call(MemorySegment out) throws Throwable;
    }

    /** A call that allocates what it needs from the frame and builds its own result. */
    @FunctionalInterface
    public interface WithFrame<T> {
        NativeResult<T> call(OutParams frame) throws Throwable;
    }

    /** A call of the two-call list convention, given the count (in/out) and room for {@code capacity} entries. */
    @FunctionalInterface
    public interface ListCall {
        /** @param entries {@code NULL} when {@code capacity} is 0 */
        int call(MemorySegment count, MemorySegment entries, int capacity) throws Throwable;
    }

    /** Reads entry {@code index} of an array filled by a list call. */
    @FunctionalInterface
    public interface EntryReader<T> {
        T read(MemorySegment entries, long index);
    }

    /** A successful call. */
    public <T> NativeResult<T> ok(String symbol, T value) {
        return new NativeResult<>(statuses, symbol, 0, value, null);
    }

    /** A failed call. */
    public <T> NativeResult<T> error(String symbol, int code) {
        return new NativeResult<>(statuses, symbol, code, null, null);
    }

    /** The result of a call that returned {@code code}; {@code value} is read only on success. */
    public <T> NativeResult<T> result(String symbol, int code, Supplier<T> value) {
        return code == 0 ? ok(symbol, value.get()) : error(symbol, code);
    }

    /** A call whose status is all it returns. */
    public NativeResult<Void> status(String symbol, Plain call) {
        try {
            return result(symbol, call.call(), () -> null);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** A call with one out-parameter of {@code layout}, read by {@code read} on success. */
    public <T> NativeResult<T> out(String symbol, MemoryLayout layout, WithOut call, Function<MemorySegment, T> read) {
        try (var frame = OutParams.open()) {
            var out = frame.allocate(layout);
            int code = call.call(out);
            return code == 0 ? ok(symbol, read.apply(out)) : error(symbol, code);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** A call with an {@code int} out-parameter. */
    public NativeResult<Integer> intOut(String symbol, WithOut call) {
        return out(symbol, JAVA_INT, call, s -> s.get(JAVA_INT, 0));
    }

    /** A call with a 64-bit out-parameter. */
    public NativeResult<Long> longOut(String symbol, WithOut call) {
        return out(symbol, JAVA_LONG, call, s -> s.get(JAVA_LONG, 0));
    }

    /** A call that fills a {@code size}-byte string buffer (the lambda passes the size as the library wants it). */
    public NativeResult<String> string(String symbol, int size, WithOut call) {
        return out(symbol, MemoryLayout.sequenceLayout(size, JAVA_BYTE), call, CStrings::read);
    }

    /**
     * The two-call convention of NVML, CNDEV, rocm-smi and MXSML: ask with the room we have (none at first); when
     * the library answers {@code tooSmall} it has written how many there are, and we ask again with a little
     * more room, since entries come and go between the calls. The count the library writes is clamped: never
     * more entries than were allocated, never more than {@code max}.
     */
    public <T> NativeResult<List<T>> list(String symbol, int tooSmall, int max, MemoryLayout entry, ListCall call,
                                          EntryReader<T> reader) {
        int capacity = 0;
        for (int attempt = 0; attempt < 5; attempt++) {
            try (var frame = OutParams.open()) {
                var count = frame.allocate(JAVA_INT);
                count.set(JAVA_INT, 0, capacity);
                var entries = capacity == 0 ? MemorySegment.NULL : frame.allocate(entry, capacity);
                int code = call.call(count, entries, capacity);
                long reported = Integer.toUnsignedLong(count.get(JAVA_INT, 0));
                if (code == 0) {
                    var out = new ArrayList<T>();
                    for (long i = 0; i < Math.min(reported, capacity); i++) {
                        out.add(reader.read(entries, i));
                    }
                    return ok(symbol, List.copyOf(out));
                }
                if (code != tooSmall) {
                    return error(symbol, code);
                }
                capacity = (int) Math.min(reported + 4, max);
            } catch (Throwable t) {
                throw Downcalls.rethrow(t);
            }
        }
        return error(symbol, tooSmall);
    }

    /** A call that takes what it needs from the frame itself. */
    public <T> NativeResult<T> frame(WithFrame<T> call) {
        try (var frame = OutParams.open()) {
            return call.call(frame);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }
}
