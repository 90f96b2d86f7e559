package io.hami.cli.annotation;

import io.hami.cli.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the whole of standard input as strict UTF-8, bounded in size. One final line break (as
 * {@code echo} adds) is dropped; every other character is kept, since whitespace can matter to a format.
 */
final class StdinText {
    /** Kubernetes bounds all annotations of an object to 256 KiB; a config file may be larger. */
    static final int MAX_BYTES = 4 << 20;

    private StdinText() {
    }

    static String read(InputStream in) throws UserInputException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UserInputException("stdin: cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new UserInputException("stdin: input larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UserInputException("stdin: not valid UTF-8");
        }
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
