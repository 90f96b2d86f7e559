package io.hami.runtimehook;

/**
 * Why the shim or the hook refused a container. The message is one line that names the file or value and what
 * is wrong with it (untrusted text quoted and shortened); the command prints it and the runtime aborts the
 * container. Nothing has been written when it is thrown.
 */
public final class HookException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int MAX_LENGTH = 400;

    public HookException(String message) {
        super(oneLine(message));
    }

    public HookException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** {@code text} on one line: control characters escaped, at most 400 characters. */
    public static String oneLine(String text) {
        var sb = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        for (int i = 0; i < text.length() && sb.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= MAX_LENGTH) {
            sb.setLength(MAX_LENGTH - 1);
            sb.append('…');
        }
        return sb.toString();
    }
}
