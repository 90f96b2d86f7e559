package io.hami.model.annotation;

import io.hami.model.json.CanonicalJson;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Assertions shared by the codec tests and properties. */
final class CodecChecks {

    private CodecChecks() {
    }

    /** Writes {@code value} as canonical JSON and reads it back as {@code type}; returns the JSON. */
    static <T> String assertJsonRoundTrip(T value, Class<T> type) {
        try {
            String json = CanonicalJson.MAPPER.writeValueAsString(value);
            assertThat(CanonicalJson.MAPPER.readValue(json, type)).isEqualTo(value);
            return json;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("canonical JSON failed for " + value, e);
        }
    }

    /** Asserts that {@code decode(encode(value))} equals {@code value}. */
    static <T> void assertWireRoundTrip(WireCodec<T> codec, T value) {
        assertThat(decode(codec, codec.encode(value))).isEqualTo(value);
    }

    /** Decodes text that must be accepted. */
    static <T> T decode(WireCodec<T> codec, String wire) {
        try {
            return codec.decode(wire);
        } catch (WireFormatException e) {
            throw new AssertionError("rejected " + WireFormatException.quote(wire), e);
        }
    }

    /** Decodes, expecting a rejection, and returns it. */
    static WireFormatException rejection(WireCodec<?> codec, String wire) {
        WireFormatException e = catchThrowableOfType(WireFormatException.class, () -> codec.decode(wire));
        assertThat(e).as("decode(%s) should be rejected", wire).isNotNull();
        assertThat(e.format()).isEqualTo(codec.format());
        return e;
    }

    /**
     * Decodes any text; a rejection gives {@code null}. Anything thrown other than a
     * {@link WireFormatException} escapes and fails the caller.
     */
    static <T> T decodeOrNull(WireCodec<T> codec, String wire) {
        try {
            return codec.decode(wire);
        } catch (WireFormatException e) {
            assertThat(e.getMessage()).startsWith(codec.format() + ": ");
            return null;
        }
    }
}
