package io.hami.runtimehook.cdi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hami.runtimehook.HookException;
import io.hami.model.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a CDI spec into a spec directory ({@code /etc/cdi} for static specs, {@code /var/run/cdi} for generated
 * ones) as {@code <vendor>-<class>.json}, atomically, so a runtime that rescans the directory never reads half a file.
 */
public final class CdiWriter {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private CdiWriter() {
    }

    /** The spec as JSON text. */
    public static String json(CdiSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a CDI spec", e);
        }
    }

    /** The file name of {@code spec} in a spec directory: its kind with {@code /} as {@code -}, e.g. {@code hami.io-gpu.json}. */
    public static String fileName(CdiSpec spec) {
        return spec.kind().replace('/', '-') + ".json";
    }

    /**
     * Writes {@code spec} into {@code dir} (made if missing) and returns the file.
     *
     * @throws HookException when the directory or file cannot be written; an older spec stays as it was
     */
    public static Path write(Path dir, CdiSpec spec) throws HookException {
        var file = dir.resolve(fileName(spec));
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(file, json(spec).getBytes(java.nio.charset.StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-r--r--"));
            return file;
        } catch (IOException e) {
            throw new HookException("CDI spec " + file + ": " + e.getMessage(), e);
        }
    }
}
