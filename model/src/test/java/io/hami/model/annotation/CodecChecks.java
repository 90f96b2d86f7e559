package io.hami.model.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.hami.model.device.DeviceGenerators;
import io.hami.model.json.CanonicalJson;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Assertions and generators shared by the codec tests and properties. */
final class CodecChecks {

    private CodecChecks() {
    }

    /** Asserts that decoding fails with a {@link WireFormatException} of this codec (and nothing else) and returns it. */
    static WireFormatException rejects(WireCodec<?> codec, String wire) {
        WireFormatException error;
        try {
            Object value = codec.decode(wire);
            throw new AssertionError("accepted " + WireFormatException.quote(wire) + " as " + value);
        } catch (WireFormatException e) {
            error = e;
        }
        assertThat(error.format()).isEqualTo(codec.format());
        assertThat(error.getMessage()).startsWith(codec.format() + ": " + error.field() + ": " + error.problem());
        return error;
    }

    /**
     * Decodes any text: it either fails with this codec's {@link WireFormatException} or yields a value that encodes
     * and decodes back to itself. Any other exception escapes and fails the caller.
     */
    static <T> void decodesCleanly(WireCodec<T> codec, String wire) {
        T value;
        try {
            value = codec.decode(wire);
        } catch (WireFormatException e) {
            assertThat(e.format()).isEqualTo(codec.format());
            return;
        }
        assertThat(roundTrip(codec, value)).isEqualTo(value);
    }

    /** {@code decode(encode(value))}; a {@link WireFormatException} there is a test failure. */
    static <T> T roundTrip(WireCodec<T> codec, T value) {
        String wire = codec.encode(value);
        try {
            return codec.decode(wire);
        } catch (WireFormatException e) {
            throw new AssertionError("cannot read back " + wire, e);
        }
    }

    /** Random Unicode, and strings over {@code alphabet} (the format's separators, digits, letters). */
    static Gen<String> hostile(String alphabet) {
        return Generate.oneOf(
                strings().allPossible().ofLengthBetween(0, 40),
                DeviceGenerators.stringsOf(alphabet, 40),
                DeviceGenerators.stringsOf(alphabet, 8),
                DeviceGenerators.rawText());
    }

    /** Valid encodings with one character inserted, deleted or replaced: near misses that reach deep code paths. */
    static <T> Gen<String> mutated(WireCodec<T> codec, Gen<T> values, String alphabet) {
        Gen<Character> chars = Generate.pick(alphabet.chars().mapToObj(c -> (char) c).toList());
        return values.map(codec::encode).zip(integers().between(0, 1000), integers().between(0, 2), chars,
                (wire, at, op, c) -> {
                    int i = wire.isEmpty() ? 0 : at % (wire.length() + 1);
                    return switch (op) {
                        case 0 -> wire.substring(0, i) + c + wire.substring(i);
                        case 1 -> i < wire.length() ? wire.substring(0, i) + wire.substring(i + 1) : wire;
                        default -> i < wire.length() ? wire.substring(0, i) + c + wire.substring(i + 1) : wire + c;
                    };
                });
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
