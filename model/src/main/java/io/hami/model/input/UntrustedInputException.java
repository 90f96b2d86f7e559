package io.hami.model.input;

import io.hami.model.wire.WireFormatException;
import java.io.IOException;
import java.util.Objects;

/**
 * A file or stream that could not be read or was refused before it was parsed: missing, not a regular file,
 * too large, not UTF-8, or an I/O error. The message is one line, {@code <source>: <problem>}, e.g.
 * {@code /etc/hami/monitor.conf: a FIFO (named pipe), not a regular file}; a source with control characters in
 * its name is shown quoted and escaped.
 */
public final class UntrustedInputException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    /**
     * @param source  the file's path as given, or a name such as {@code stdin}
     * @param problem what was wrong, without the source
     */
    public UntrustedInputException(String source, String problem) {
        this(source, problem, null);
    }

    public UntrustedInputException(String source, String problem, Throwable cause) {
        super(shown(source) + ": " + oneLine(problem), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.problem = oneLine(problem);
    }

    /** The file's path as given, or the stream's name. */
    public String source() {
        return source;
    }

    /** What was wrong, without the source. */
    public String problem() {
        return problem;
    }

    /** A problem quoted from a library may span lines; keep one. */
    private static String oneLine(String problem) {
        return Objects.requireNonNull(problem, "problem").strip().replaceAll("\\p{Cntrl}+", " ");
    }

    private static String shown(String source) {
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                return WireFormatException.quote(source);
            }
        }
        return source;
    }
}
