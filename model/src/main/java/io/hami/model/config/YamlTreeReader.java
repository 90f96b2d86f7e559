package io.hami.model.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import io.hami.model.config.YamlNode.Location;
import io.hami.model.wire.WireFormatException;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one YAML document into a {@link YamlNode} tree, refusing what a configuration file has no use for and
 * what a hostile one could abuse: documents over {@value #MAX_CHARS} characters, lines over
 * {@value #MAX_LINE_CHARS} characters, scalars and keys over {@value #MAX_SCALAR_CHARS} characters, nesting
 * deeper than {@value #MAX_DEPTH}, more than {@value #MAX_NODES} nodes, aliases (so nothing is ever expanded),
 * duplicate keys and further documents. Errors name the YAML path being read and the line and column.
 *
 * <p>Why lines are bounded: SnakeYAML's reader keeps the token it is scanning in a window that it copies each
 * time it reads the next kilobyte, so one token of n characters costs about n²/256 bytes (a 1 MiB plain scalar:
 * gigabytes). A token never spans a line break without the scanner moving on, so with lines of at most
 * {@value #MAX_LINE_CHARS} characters, reading a document allocates a bounded multiple of its size. The check
 * runs over the text before the parser sees it.
 *
 * <p>One reader per document; it is not thread-safe.
 */
final class YamlTreeReader {

    static final int MAX_CHARS = 1 << 20;
    static final int MAX_DEPTH = 32;
    static final int MAX_NODES = 100_000;
    static final int MAX_LINE_CHARS = 4096;
    static final int MAX_SCALAR_CHARS = 64 * 1024;
    private static final int MAX_PROBLEM_CHARS = 200;

    /** Immutable once built, and thread-safe. */
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            // Duplicate keys are reported by readMapping, with the key's location.
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxStringLength(MAX_CHARS) // our own check on MAX_SCALAR_CHARS names the YAML path
                    .maxNumberLength(100)
                    .build())
            .build();

    private final String format;
    private YAMLParser parser;
    private String path = "";
    private int nodes;

    private YamlTreeReader(String format) {
        this.format = format;
    }

    private static LoaderOptions loaderOptions() {
        var options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS + 1);
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(MAX_DEPTH + 1);
        options.setAllowDuplicateKeys(false);
        return options;
    }

    /**
     * Reads a document; an empty one (nothing but comments) reads as a null scalar.
     *
     * @param format the wire format name for error messages
     */
    static YamlNode read(String format, String text) throws WireFormatException {
        if (text.length() > MAX_CHARS) {
            throw new WireFormatException(format, "(root)", "document longer than " + MAX_CHARS + " characters", null);
        }
        checkLineLengths(format, text);
        return new YamlTreeReader(format).readDocument(text);
    }

    /** Refuses the first line longer than {@value #MAX_LINE_CHARS} characters (YAML's breaks: LF, CR, CRLF). */
    private static void checkLineLengths(String format, String text) throws WireFormatException {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c != '\n' && c != '\r') {
                continue;
            }
            if (i - start > MAX_LINE_CHARS) {
                throw new WireFormatException(format, YamlNode.describe("", new Location(line, 1)),
                        "line longer than " + MAX_LINE_CHARS + " characters (" + (i - start) + ")", null);
            }
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            line++;
            start = i + 1;
        }
    }

    private YamlNode readDocument(String text) throws WireFormatException {
        try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                return new YamlNode.Scalar(JsonToken.VALUE_NULL, "", null, new Location(1, 1));
            }
            YamlNode root = readValue(first, 0);
            path = "";
            if (p.nextToken() != null) {
                throw fail(here(), "more than one YAML document", null);
            }
            return root;
        } catch (MarkedYAMLException e) {
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw fail(location(e.getProblemMark(), e.getLocation()), "invalid YAML: " + context + e.getProblem(), null);
        } catch (JacksonException e) {
            String problem = e.getOriginalMessage();
            if (problem != null && problem.startsWith("Expected a field name")) {
                problem = "keys must be plain values, not lists or mappings";
            }
            throw fail(location(null, e.getLocation()), "invalid YAML: " + problem, null);
        } catch (IOException | org.yaml.snakeyaml.error.YAMLException e) {
            throw fail(null, "invalid YAML: " + e.getMessage(), null);
        }
    }

    private YamlNode readValue(JsonToken token, int depth) throws IOException, WireFormatException {
        Location location = here();
        if (++nodes > MAX_NODES) {
            throw fail(location, "more than " + MAX_NODES + " YAML nodes", null);
        }
        if (parser.isCurrentAlias()) {
            throw fail(location, "YAML aliases are not supported", "*" + parser.getText());
        }
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            throw fail(location, "nested deeper than " + MAX_DEPTH + " levels", null);
        }
        if (token.isScalarValue() && parser.getTextLength() > MAX_SCALAR_CHARS) {
            throw fail(location, "scalar longer than " + MAX_SCALAR_CHARS + " characters (" + parser.getTextLength() + ")",
                    null);
        }
        return switch (token) {
            case START_OBJECT -> readMapping(location, depth);
            case START_ARRAY -> readSequence(location, depth);
            case VALUE_STRING, VALUE_TRUE, VALUE_FALSE, VALUE_NULL ->
                    new YamlNode.Scalar(token, parser.getText(), null, location);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(token, parser.getText(), parser.getBigIntegerValue(), location);
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(token, parser.getText(), parser.getDoubleValue(), location);
            default -> throw fail(location, "unsupported YAML value (" + token + ")", null);
        };
    }

    private YamlNode.Mapping readMapping(Location location, int depth) throws IOException, WireFormatException {
        String parent = path;
        List<YamlNode.Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.FIELD_NAME) {
                throw fail(here(), "expected a key, found " + token, null);
            }
            String key = parser.currentName();
            Location keyLocation = here();
            if (key.length() > MAX_SCALAR_CHARS) {
                throw fail(keyLocation, "key longer than " + MAX_SCALAR_CHARS + " characters", null);
            }
            path = parent.isEmpty() ? key : parent + "." + key;
            if (!seen.add(key)) {
                path = parent;
                throw fail(keyLocation, "duplicate key " + WireFormatException.quote(key), null);
            }
            YamlNode value = readValue(parser.nextToken(), depth + 1);
            entries.add(new YamlNode.Entry(key, keyLocation, value));
            path = parent;
        }
        return new YamlNode.Mapping(entries, location);
    }

    private YamlNode.Sequence readSequence(Location location, int depth) throws IOException, WireFormatException {
        String parent = path;
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            path = parent + "[" + items.size() + "]";
            items.add(readValue(token, depth + 1));
            path = parent;
        }
        return new YamlNode.Sequence(items, location);
    }

    private Location here() {
        return location(null, parser.currentTokenLocation());
    }

    private static Location location(Mark mark, JsonLocation fallback) {
        if (mark != null) {
            return new Location(mark.getLine() + 1, mark.getColumn() + 1);
        }
        if (fallback != null && fallback.getLineNr() > 0) {
            return new Location(fallback.getLineNr(), Math.max(fallback.getColumnNr(), 1));
        }
        return null;
    }

    private WireFormatException fail(Location location, String problem, String offending) {
        return new WireFormatException(format, YamlNode.describe(path, location), oneLine(problem), offending);
    }

    /** Parser messages may span lines and quote the input; keep one short line without control characters. */
    private static String oneLine(String problem) {
        String flat = problem == null ? "unknown problem" : problem.strip().replaceAll("\\p{Cntrl}+", " ");
        return flat.length() <= MAX_PROBLEM_CHARS ? flat : flat.substring(0, MAX_PROBLEM_CHARS) + "…";
    }
}
