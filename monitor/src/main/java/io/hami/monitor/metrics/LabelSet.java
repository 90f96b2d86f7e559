package io.hami.monitor.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The labels of one series, {@code zone} included, kept in the order the exposition writes them (label names
 * sorted, as Prometheus's model sorts them) and rendered to text at most once: every family of a container's
 * device shares one instance, so its label text is written once per scrape instead of once per family. Orders like
 * Prometheus's {@link Labels} (names first, then values), so both writers emit series in the same order.
 */
final class LabelSet implements Comparable<LabelSet> {
    private final String[] names;
    private final String[] values;
    private final int hash;
    private volatile byte[] text; // a LabelSet kept between scrapes may be read by two at once

    private LabelSet(String[] names, String[] values) {
        this.names = names;
        this.values = values;
        this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    /** The labels of a series of {@code family}; {@code values} follow {@link Family#labelNames()}. */
    static LabelSet of(Family family, String... values) {
        var names = family.labelNames();
        if (values.length != names.size()) {
            throw new IllegalArgumentException(family + " takes " + names.size() + " label values, not " + values.length);
        }
        var sortedNames = family.exposedLabelNames();
        int[] order = family.exposedOrder();
        var sortedValues = new String[sortedNames.length];
        for (int i = 0; i < order.length; i++) {
            sortedValues[i] = order[i] < values.length ? values[order[i]] : Family.ZONE_VALUE;
        }
        return new LabelSet(sortedNames, sortedValues);
    }

    /** These labels in Prometheus's model. */
    Labels toLabels() {
        return Labels.of(names, values);
    }

    /** {@code {name="value",...}} with the text format's escaping, UTF-8; computed once. */
    byte[] text() {
        if (text == null) {
            var out = new StringBuilder(200).append('{');
            for (int i = 0; i < names.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(names[i]).append('=').append('"').append(escape(values[i])).append('"');
            }
            text = out.append('}').toString().getBytes(StandardCharsets.UTF_8);
        }
        return text;
    }

    /** A label value as the text format writes it: backslash, double quote and newline escaped. */
    static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        var b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public int compareTo(LabelSet other) {
        if (this == other) {
            return 0;
        }
        int c = compare(names, other.names);
        return c != 0 ? c : compare(values, other.values);
    }

    private static int compare(String[] a, String[] b) {
        if (a == b) {
            return 0;
        }
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return a.length - b.length;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof LabelSet other && hash == other.hash && Arrays.equals(names, other.names)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
