package io.hami.bindings.ffm;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The status codes of one library as data: its enum, the member standing for codes the enum does not know,
 * the code a missing symbol answers, and which statuses mean "not offered here" (a value is empty, not an
 * error) or "the device is gone" (ask it nothing more). Immutable.
 *
 * @param <S> the library's status enum
 */
public final class StatusTable<S extends Enum<S> & NativeStatus> {

    private final Map<Integer, S> byCode = new HashMap<>();
    private final Class<S> type;
    private final S unknown;
    private final S functionNotFound;
    private final Set<S> absent;
    private final Set<S> lost;

    private StatusTable(Class<S> type, S unknown, S functionNotFound, Set<S> absent, Set<S> lost) {
        this.type = type;
        this.unknown = unknown;
        this.functionNotFound = functionNotFound;
        for (var s : type.getEnumConstants()) {
            if (s != unknown && byCode.putIfAbsent(s.code(), s) != null) {
                throw new IllegalArgumentException(type.getSimpleName() + ": code " + s.code() + " named twice");
            }
        }
        this.absent = EnumSet.copyOf(absent);
        this.absent.add(functionNotFound);
        this.lost = lost.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(lost);
    }

    /**
     * A table over {@code type}.
     *
     * @param unknown          what {@link #fromCode} answers for a code no member has (it keeps its own code too)
     * @param functionNotFound what a missing symbol answers (see {@link Downcalls})
     * @param absent           statuses that mean the device or library does not offer the fact
     * @param lost             statuses after which every call on the device fails alike
     */
    public static <S extends Enum<S> & NativeStatus> StatusTable<S> of(Class<S> type, S unknown, S functionNotFound,
                                                                      Set<S> absent, Set<S> lost) {
        return new StatusTable<>(type, unknown, functionNotFound, absent, lost);
    }

    /** The status of a C value; the unknown member for values the enum does not name. */
    public S fromCode(int code) {
        var s = byCode.get(code);
        return s != null ? s : unknown;
    }

    /** The status named {@code name} as messages print it, if there is one. */
    public Optional<S> fromName(String name) {
        for (var s : type.getEnumConstants()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The code a stand-in for a missing symbol answers. */
    public int missingCode() {
        return functionNotFound.code();
    }

    /** Whether {@code code} means the symbol is missing. */
    public boolean missing(int code) {
        return code == functionNotFound.code();
    }

    /** Whether {@code code} means "not offered": the symbol is missing or the device does not support it. */
    public boolean absent(int code) {
        return absent.contains(fromCode(code)) && (code == fromCode(code).code());
    }

    /** Whether {@code code} means the device is gone. */
    public boolean lost(int code) {
        return lost.contains(fromCode(code)) && code == fromCode(code).code();
    }

    /** {@code <symbol> failed: <STATUS> (<code>)}: the one form of every failure message. */
    public String message(String symbol, int code) {
        return symbol + " failed: " + fromCode(code).name() + " (" + code + ")";
    }
}
