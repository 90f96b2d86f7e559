package io.hami.model.wire;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A value read from the wire (an annotation, a config file, a region) that does not follow its format.
 *
 * <p>The message is one line of the form {@code <format>: <field>: <problem>: "<offending text>"}, so an
 * operator sees which annotation, which part of it and which characters were wrong. The offending text
 * comes from untrusted sources: it is shortened and control characters are escaped before it is shown.
 * A codec throws this exception and nothing else; it never returns a half-filled value.
 */
public final class WireFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int MAX_SHOWN = 96;
    private static final HexFormat HEX = HexFormat.of();

    private final String format;
    private final String field;
    private final String problem;
    private final String offending;

    /**
     * @param format    the wire format, e.g. {@code pod-devices}
     * @param field     where in the value the problem is, e.g. {@code containers[1].devices[0].usedmem}
     * @param problem   what is wrong, e.g. {@code not a 32-bit integer}
     * @param offending the text that was rejected, or {@code null} when there is none to show
     */
    public WireFormatException(String format, String field, String problem, String offending) {
        this(format, field, problem, offending, null);
    }

    public WireFormatException(String format, String field, String problem, String offending, Throwable cause) {
        super(message(format, field, problem, offending), cause);
        this.format = Objects.requireNonNull(format, "format");
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.offending = offending;
    }

    /** The wire format name, e.g. {@code node-lock}. */
    public String format() {
        return format;
    }

    /** The part of the value that is wrong, e.g. {@code timestamp}. */
    public String field() {
        return field;
    }

    /** What is wrong with it, without the offending text. */
    public String problem() {
        return problem;
    }

    /** The rejected text as given (not shortened), or {@code null}. */
    public String offending() {
        return offending;
    }

    private static String message(String format, String field, String problem, String offending) {
        var sb = new StringBuilder().append(format).append(": ").append(field).append(": ").append(problem);
        if (offending != null) {
            sb.append(": ").append(quote(offending));
        }
        return sb.toString();
    }

    /** Quotes untrusted text for a one-line message: shortened, with quotes and control characters escaped. */
    public static String quote(String text) {
        var sb = new StringBuilder(Math.min(text.length(), MAX_SHOWN) + 8).append('"');
        int shown = 0;
        for (int i = 0; i < text.length() && shown < MAX_SHOWN; i++, shown++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogateAt(text, i)) {
                        sb.append("\\u").append(HEX.toHexDigits(c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
        if (text.length() > MAX_SHOWN) {
            sb.append("… (").append(text.length()).append(" chars)");
        }
        return sb.toString();
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
