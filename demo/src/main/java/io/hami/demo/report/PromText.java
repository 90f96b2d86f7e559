package io.hami.demo.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition ({@code name{k="v",...} value}), enough to read the monitors' and
 * the scheduler's gauges back. Comment lines and timestamps are skipped; label values are unescaped.
 */
public final class PromText {

    private PromText() {
    }

    /** One sample. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the line that is not a sample
     */
    public static List<Sample> parse(String text) {
        var samples = new ArrayList<Sample>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            samples.add(sample(line, lineNo));
        }
        return samples;
    }

    private static Sample sample(String line, int lineNo) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        var labels = new LinkedHashMap<String, String>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels, lineNo);
        } else if (space > 0) {
            name = line.substring(0, space);
            rest = space;
        } else {
            throw new IllegalArgumentException("line " + lineNo + ": not a sample: " + line);
        }
        String[] parts = line.substring(rest).trim().split("\\s+");
        try {
            return new Sample(name, Map.copyOf(labels), Double.parseDouble(parts[0]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + lineNo + ": value is not a number: " + line, e);
        }
    }

    /** Reads {@code k="v",...}} from {@code i}; returns the index after the closing brace. */
    private static int labels(String line, int i, Map<String, String> into, int lineNo) {
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("line " + lineNo + ": malformed labels: " + line);
            }
            String key = line.substring(i, eq).trim();
            var value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char n = line.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
            }
            if (j >= line.length()) {
                throw new IllegalArgumentException("line " + lineNo + ": unterminated label value: " + line);
            }
            into.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        if (i >= line.length()) {
            throw new IllegalArgumentException("line " + lineNo + ": labels not closed: " + line);
        }
        return i + 1;
    }
}
