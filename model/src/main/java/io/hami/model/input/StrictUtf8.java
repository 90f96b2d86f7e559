package io.hami.model.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text as strict UTF-8: a malformed or truncated sequence is an error naming its byte offset, never a
 * replacement character that would change what a key or a value says.
 */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    /**
     * Decodes {@code bytes}.
     *
     * @param source names the input in the error, e.g. the file's path or {@code stdin}
     * @throws UntrustedInputException when the bytes are not UTF-8
     */
    public static String decode(byte[] bytes, String source) throws UntrustedInputException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new UntrustedInputException(source, "not valid UTF-8 (at byte " + in.position() + ")");
        }
        return out.flip().toString();
    }

    /**
     * Reads {@code in} to its end, at most {@code maxBytes}, and decodes it.
     *
     * @param source names the stream in errors, e.g. {@code stdin}
     * @throws UntrustedInputException when the stream holds more than {@code maxBytes}, is not UTF-8, or fails
     */
    public static String read(InputStream in, int maxBytes, String source) throws UntrustedInputException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(Math.addExact(maxBytes, 1));
        } catch (IOException e) {
            throw new UntrustedInputException(source, "cannot read: " + e.getMessage(), e);
        }
        if (bytes.length > maxBytes) {
            throw new UntrustedInputException(source, "larger than " + maxBytes + " bytes");
        }
        return decode(bytes, source);
    }
}
