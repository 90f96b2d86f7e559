package io.hami.runtimehook.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds our runtime handler to containerd's {@code config.toml} and takes it out again, as a textual edit that keeps
 * every other byte: the handler's tables go at the end of the file between two marker comments (after a newline when
 * the file is not empty), and removal cuts exactly that text. Each edit is verified by parsing: the document after
 * adding must equal the document before plus our tables and nothing else, and after removing must equal the document
 * before minus them; otherwise the edit is refused and the text is not returned.
 *
 * <p>An empty or missing file has no {@code version}; the caller then declares the schema, and the added block
 * carries the {@code version} line too (so removal gives back the empty file).
 */
public final class ContainerdConfigEditor {

    private static final String BEGIN = "# hami-java begin: runtime handler ";
    private static final String END = "# hami-java end: runtime handler ";

    private ContainerdConfigEditor() {
    }

    /**
     * The result of an edit.
     *
     * @param text    the new content of the file
     * @param changed whether it differs from the old content
     * @param schema  the config's schema
     * @param notes   what the operator should know (one sentence each)
     */
    public record Edit(String text, boolean changed, ContainerdSchema schema, List<String> notes) {
        public Edit {
            notes = List.copyOf(notes);
        }
    }

    /**
     * Adds the handler {@code name} running {@code binary}, its settings copied from runtime {@code template}; a block
     * of ours already there is replaced (so installing twice changes nothing).
     *
     * @param current  the file's content, or empty when there is no file
     * @param file     the file's name, for messages
     * @param declared the schema to use when the file has no keys; must match the file's own otherwise
     * @throws InstallException when the file is not valid TOML, is schema 1, already has a handler {@code name} of
     *                          its own, or the edit would change anything else
     */
    public static Edit add(Optional<String> current, Path file, String name, Path binary, String template,
            Optional<ContainerdSchema> declared) throws InstallException {
        String before = current.orElse("");
        String base = withoutBlock(before, name, file);
        ObjectNode tree = TomlText.parse(base, "containerd config " + file);
        boolean empty = tree.isEmpty();
        ContainerdSchema schema;
        if (empty) {
            schema = declared.orElseThrow(() -> new InstallException("containerd config " + file + " is "
                    + (current.isEmpty() ? "missing" : "empty") + ", so its schema is unknown: pass --config-version 2 "
                    + "(containerd 1.6/1.7) or 3 (containerd 2.x)"));
        } else {
            schema = ContainerdSchema.of(tree, file);
            if (declared.isPresent() && declared.get() != schema) {
                throw new InstallException("containerd config " + file + " is " + schema + ", but --config-version says "
                        + declared.get().version());
            }
        }
        JsonNode runtimes = TomlText.at(tree, schema.runtimesPath());
        if (runtimes != null && runtimes.has(name)) {
            throw new InstallException("containerd config " + file + " already has a runtime \"" + name
                    + "\" that hami did not add (" + runtimes.get(name) + "): remove it, or install under another "
                    + "--runtime-name");
        }
        var handler = RuntimeHandler.fromTemplate(name, binary, runtimes, template);
        String block = BEGIN + TomlText.string(name) + " (added by hami install runtime; hami uninstall runtime "
                + "removes it)\n" + (empty ? "version = " + schema.version() + "\n\n" : "") + handler.toml(schema)
                + END + TomlText.string(name) + "\n";
        String text = base + (base.isEmpty() ? "" : "\n") + block;
        ObjectNode expected = merge(tree.deepCopy(), TomlText.parse(block, "the added block"));
        ObjectNode actual = TomlText.parse(text, "containerd config " + file + " with the hami runtime added");
        if (!actual.equals(expected)) {
            throw new InstallException("adding runtime \"" + name + "\" to containerd config " + file + " would change "
                    + "more than that runtime (does the file end inside a multi-line value?); the file was left as it is");
        }
        var notes = new ArrayList<>(handler.notes());
        if (tree.path("imports").size() > 0) {
            notes.add("the config imports " + tree.get("imports") + "; a runtime \"" + name + "\" declared there would "
                    + "be merged with this one");
        }
        return new Edit(text, !text.equals(before), schema, notes);
    }

    /**
     * Removes the handler {@code name} that {@link #add} put in {@code current}; a file without it is returned as it is.
     *
     * @throws InstallException when the markers are damaged or the removal would change anything else
     */
    public static Edit remove(String current, Path file, String name) throws InstallException {
        String text = withoutBlock(current, name, file);
        ObjectNode tree = TomlText.parse(current, "containerd config " + file);
        if (text.equals(current)) {
            var notes = List.of("containerd config " + file + " has no runtime \"" + name + "\" added by hami");
            return new Edit(current, false, schemaOrNull(tree, file), notes);
        }
        String block = block(current, name, file).orElseThrow();
        ObjectNode blockTree = TomlText.parse(block, "the hami block");
        ObjectNode rest = blockTree.deepCopy();
        rest.remove("version");
        for (var schema : ContainerdSchema.values()) {
            if (TomlText.at(rest, schema.runtimesPath()) instanceof ObjectNode runtimes) {
                runtimes.remove(name);
            }
        }
        if (!prune(rest).isEmpty()) {
            throw new InstallException("containerd config " + file + ": the text between the hami-java markers holds "
                    + "more than runtime \"" + name + "\" (" + rest + "); move that out of it, then uninstall again");
        }
        ObjectNode expected = prune(subtract(tree.deepCopy(), blockTree));
        ObjectNode actual = prune(TomlText.parse(text, "containerd config " + file + " without the hami runtime"));
        if (!actual.equals(expected)) {
            throw new InstallException("removing runtime \"" + name + "\" from containerd config " + file + " would "
                    + "change more than that runtime (was the text between the hami-java markers edited?); the file was "
                    + "left as it is");
        }
        return new Edit(text, true, schemaOrNull(tree, file), List.of());
    }

    private static ContainerdSchema schemaOrNull(ObjectNode tree, Path file) {
        try {
            return tree.isEmpty() ? null : ContainerdSchema.of(tree, file);
        } catch (InstallException e) {
            return null;
        }
    }

    /** {@code text} without our block for {@code name} and the newline put before it. */
    static String withoutBlock(String text, String name, Path file) throws InstallException {
        int[] span = span(text, name, file);
        if (span == null) {
            return text;
        }
        String head = text.substring(0, span[0]);
        if (!head.isEmpty()) {
            head = head.substring(0, head.length() - 1); // the newline add() put before the block
        }
        return head + text.substring(span[1]);
    }

    private static Optional<String> block(String text, String name, Path file) throws InstallException {
        int[] span = span(text, name, file);
        return span == null ? Optional.empty() : Optional.of(text.substring(span[0], span[1]));
    }

    /** Start and end of our block: from the start of its first marker line to the end of its last, or null. */
    private static int[] span(String text, String name, Path file) throws InstallException {
        String begin = BEGIN + TomlText.string(name) + " ";
        String end = END + TomlText.string(name) + "\n";
        int b = lineStarting(text, begin, 0);
        int e = lineStarting(text, end, 0);
        if (b < 0 && e < 0) {
            return null;
        }
        if (b < 0 || e < b || lineStarting(text, begin, b + 1) >= 0 || lineStarting(text, end, e + 1) >= 0
                || (b > 0 && text.charAt(b - 1) != '\n')) {
            throw new InstallException("containerd config " + file + ": the hami-java markers of runtime \"" + name
                    + "\" are damaged (each must appear once, begin before end, on lines of their own); fix the file by "
                    + "hand");
        }
        return new int[] {b, e + end.length()};
    }

    private static int lineStarting(String text, String prefix, int from) {
        int i = text.indexOf(prefix, from);
        while (i > 0 && text.charAt(i - 1) != '\n') {
            i = text.indexOf(prefix, i + 1);
        }
        return i;
    }

    /** {@code into} with every key of {@code from} added, tables merged key by key. */
    static ObjectNode merge(ObjectNode into, ObjectNode from) {
        return overlay(into, from, (table, key, value) -> table.set(key, value.deepCopy()));
    }

    /** {@code from} without the values {@code what} holds (tables recursively). */
    static ObjectNode subtract(ObjectNode from, ObjectNode what) {
        return overlay(from, what, (table, key, value) -> table.remove(key));
    }

    /** What {@link #overlay} does to a key of the target where the other document holds a value, not a table pair. */
    private interface Leaf {
        void apply(ObjectNode table, String key, JsonNode value);
    }

    /**
     * Walks {@code other} over {@code target}: where both hold a table under a key it descends, everywhere else it
     * applies {@code leaf}; returns {@code target}.
     */
    private static ObjectNode overlay(ObjectNode target, ObjectNode other, Leaf leaf) {
        for (Map.Entry<String, JsonNode> e : other.properties()) {
            if (target.get(e.getKey()) instanceof ObjectNode mine && e.getValue() instanceof ObjectNode theirs) {
                overlay(mine, theirs, leaf);
            } else {
                leaf.apply(target, e.getKey(), e.getValue());
            }
        }
        return target;
    }

    /** {@code node} without empty tables (an empty table means containerd's defaults, like no table at all). */
    static ObjectNode prune(ObjectNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        for (var n : names) {
            if (node.get(n) instanceof ObjectNode o && prune(o).isEmpty()) {
                node.remove(n);
            }
        }
        return node;
    }
}
