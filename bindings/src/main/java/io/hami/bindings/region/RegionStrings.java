package io.hami.bindings.region;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes the fixed-size strings of a region (the uuids), which a container may fill with anything. */
final class RegionStrings {

    private RegionStrings() {
    }

    /**
     * The bytes of {@code [offset, offset+capacity)} up to the first NUL (all of them when there is none), as a
     * string; empty when they are not valid UTF-8 or hold a control character, which could corrupt a log line,
     * a terminal or a metric label.
     */
    static String bounded(MemorySegment bytes, long offset, int capacity) {
        int length = 0;
        boolean ascii = true;
        while (length < capacity) {
            byte b = bytes.get(ValueLayout.JAVA_BYTE, offset + length);
            if (b == 0) {
                break;
            }
            ascii &= b > 0;
            length++;
        }
        if (length == 0) {
            return "";
        }
        var raw = bytes.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
        String text;
        if (ascii) {
            text = new String(raw, StandardCharsets.US_ASCII);
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                return "";
            }
        }
        return text.codePoints().anyMatch(Character::isISOControl) ? "" : text;
    }
}
