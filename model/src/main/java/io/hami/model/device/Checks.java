package io.hami.model.device;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Argument checks shared by the records of this package; every failure names the record component. */
final class Checks {
    /** The largest value of Go's {@code uint32}. */
    static final long UINT32_MAX = 0xFFFF_FFFFL;

    private Checks() {
    }

    /**
     * A text component: not null, and well-formed UTF-16 (no unpaired surrogate), because every wire format is UTF-8
     * and could not carry it.
     */
    static String text(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format(
                        "%s must be valid Unicode: unpaired surrogate U+%04X at %d", field, (int) c, i));
            }
        }
        return value;
    }

    static String nonEmptyText(String value, String field) {
        if (text(value, field).isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return value;
    }

    static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
        return value;
    }

    static long uint32(long value, String field) {
        if (value < 0 || value > UINT32_MAX) {
            throw new IllegalArgumentException(field + " must be an unsigned 32-bit integer: " + value);
        }
        return value;
    }

    /** Copies a list into an unmodifiable one, rejecting a null list or a null element. */
    static <T> List<T> copy(Collection<? extends T> values, String field) {
        if (values == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        var copy = new ArrayList<T>(values.size());
        int i = 0;
        for (T value : values) {
            if (value == null) {
                throw new IllegalArgumentException(field + "[" + i + "] must not be null");
            }
            copy.add(value);
            i++;
        }
        return List.copyOf(copy);
    }
}
