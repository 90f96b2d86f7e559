package io.hami.model.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The use/nouse list rule HAMi's {@code CheckUUID} and {@code CheckType} share: an absent or blank value
 * sets no constraint; otherwise the value splits on commas into trimmed elements, and empty elements
 * (from stray commas) are dropped because they never match anything.
 */
final class CommaList {

    private CommaList() {
    }

    /**
     * The constraint a value sets: empty for none; present, possibly with no elements, when the value is
     * not blank ({@code ","} sets a constraint that nothing meets).
     */
    static Optional<List<String>> parse(String valueOrNull, UnaryOperator<String> normalise) {
        if (valueOrNull == null || GoText.trimSpace(valueOrNull).isEmpty()) {
            return Optional.empty();
        }
        List<String> elements = new ArrayList<>();
        for (String element : valueOrNull.split(",", -1)) {
            String trimmed = GoText.trimSpace(element);
            if (!trimmed.isEmpty()) {
                elements.add(normalise.apply(trimmed));
            }
        }
        return Optional.of(List.copyOf(elements));
    }

    /** Checks a list held by a filter record: elements non-empty and already in normal form. */
    static Optional<List<String>> canonical(String field, Optional<List<String>> list, UnaryOperator<String> normalise) {
        Objects.requireNonNull(list, field);
        return list.map(l -> {
            List<String> copy = List.copyOf(l);
            for (String e : copy) {
                if (e.isEmpty() || !normalise.apply(GoText.trimSpace(e)).equals(e) || e.indexOf(',') >= 0) {
                    throw new IllegalArgumentException(field + ": element not in normal form: "
                            + io.hami.model.wire.WireFormatException.quote(e));
                }
            }
            return copy;
        });
    }

    /** The annotation value that sets this constraint again ({@code null} for none). */
    static String value(Optional<List<String>> list) {
        return list.map(l -> l.isEmpty() ? "," : String.join(",", l)).orElse(null);
    }
}
