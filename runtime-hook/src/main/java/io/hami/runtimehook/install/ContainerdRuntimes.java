package io.hami.runtimehook.install;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads which runtime handler containerd's {@code config.toml} declares under a name, without changing anything: for
 * {@code hami doctor}, which reports whether the handler {@code hami install runtime} adds is there, whose it is and
 * which binary it runs. The file is parsed and judged as {@link ContainerdConfigEditor} would before an edit.
 */
public final class ContainerdRuntimes {

    private ContainerdRuntimes() {
    }

    /**
     * A runtime handler declared in the config.
     *
     * @param schema     the config's schema
     * @param ours       whether it lies between the markers {@code hami install runtime} writes
     * @param binaryName its {@code options.BinaryName}, when it has one
     */
    public record Declared(ContainerdSchema schema, boolean ours, Optional<String> binaryName) {
    }

    /**
     * The handler {@code name} in {@code text}; empty when the config declares none of that name.
     *
     * @param file the file's name, for messages
     * @throws InstallException when the text is not valid TOML, is schema 1, or our markers are damaged
     */
    public static Optional<Declared> find(String text, Path file, String name) throws InstallException {
        var tree = TomlText.parse(text, "containerd config " + file);
        if (tree.isEmpty()) {
            return Optional.empty();
        }
        var schema = ContainerdSchema.of(tree, file);
        JsonNode runtimes = TomlText.at(tree, schema.runtimesPath());
        if (runtimes == null || !runtimes.has(name)) {
            return Optional.empty();
        }
        boolean ours = !ContainerdConfigEditor.withoutBlock(text, name, file).equals(text);
        JsonNode binary = runtimes.get(name).path("options").get("BinaryName");
        return Optional.of(new Declared(schema, ours,
                binary != null && binary.isTextual() ? Optional.of(binary.textValue()) : Optional.empty()));
    }
}
