package io.hami.cli.annotation;

import io.hami.cli.UserInputException;
import io.hami.model.input.StrictUtf8;
import io.hami.model.input.UntrustedInputException;
import java.io.InputStream;

/**
 * Reads the whole of standard input as strict UTF-8, bounded in size ({@link StrictUtf8}). One final line break
 * (as {@code echo} adds) is dropped; every other character is kept, since whitespace can matter to a format.
 */
final class StdinText {
    /** Kubernetes bounds all annotations of an object to 256 KiB; a config file may be larger. */
    static final int MAX_BYTES = 4 << 20;

    private StdinText() {
    }

    static String read(InputStream in) throws UserInputException {
        String text;
        try {
            text = StrictUtf8.read(in, MAX_BYTES, "stdin");
        } catch (UntrustedInputException e) {
            throw new UserInputException(e.getMessage());
        }
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
