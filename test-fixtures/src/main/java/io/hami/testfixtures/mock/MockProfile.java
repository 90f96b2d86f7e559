package io.hami.testfixtures.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A machine profile of a vendor mock, from {@code <vendor>-profiles/<name>.json} on the class path: the text
 * the C mock is given and its tree, for tests to assert against the same numbers. The C mock validates
 * profiles strictly; this reader assumes a valid one.
 *
 * @param name the file name without {@code .json}
 * @param text the JSON text
 * @param json the parsed tree
 */
public record MockProfile(String name, String text, JsonNode json) {

    /** Reads {@code <directory>/<name>.json} from the class path. */
    public static MockProfile load(String directory, String name) {
        var resource = "/" + directory + "/" + name + ".json";
        try (InputStream in = MockProfile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no mock profile " + resource + " on the class path");
            }
            var text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new MockProfile(name, text, JsonMapper.builder().build().readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The profile's devices. */
    public JsonNode devices() {
        return json.path("devices");
    }
}
