package io.hami.cli.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: what is left once strings, label matchers, range selectors, Grafana
 * variables, label lists ({@code by (...)}, {@code on (...)}, ...), numbers, keywords and function calls are taken
 * out. A call of a function PromQL does not have, and a selector by {@code __name__}, are refused rather than
 * guessed at.
 */
final class PromQlNames {
    private static final Pattern STRINGS = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[\\w+]]");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern TOKENS = Pattern.compile(
            "(?<num>(?:0x[0-9a-fA-F]+|\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)[a-zA-Z]*)"
                    + "|(?<id>[A-Za-z_:][A-Za-z0-9_:]*)(?<call>\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN", "start", "end");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time", "ceil", "changes", "clamp",
            "clamp_max", "clamp_min", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "delta", "deriv",
            "exp", "floor", "histogram_avg", "histogram_count", "histogram_fraction", "histogram_quantile",
            "histogram_stddev", "histogram_stdvar", "histogram_sum", "holt_winters", "hour", "idelta", "increase",
            "irate", "label_join", "label_replace", "ln", "log2", "log10", "minute", "month", "predict_linear", "rate",
            "resets", "round", "scalar", "sgn", "sort", "sort_desc", "sort_by_label", "sort_by_label_desc", "sqrt",
            "time", "timestamp", "vector", "year", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
            "count_over_time", "quantile_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time",
            "present_over_time", "mad_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh",
            "sin", "sinh", "tan", "tanh", "deg", "rad", "pi");

    private PromQlNames() {
    }

    /** The metric names {@code expr} reads. */
    static Set<String> of(String expr) {
        if (expr.contains("__name__")) {
            throw new IllegalArgumentException("a selector by __name__ names no metric this check can see: " + expr);
        }
        String s = STRINGS.matcher(expr).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = VARIABLES.matcher(s).replaceAll(" ");
        s = LABEL_LISTS.matcher(s).replaceAll(" ");
        var names = new TreeSet<String>();
        var m = TOKENS.matcher(s);
        while (m.find()) {
            String id = m.group("id");
            if (id == null || KEYWORDS.contains(id)) {
                continue;
            }
            if (m.group("call") != null) {
                if (!AGGREGATIONS.contains(id) && !FUNCTIONS.contains(id)) {
                    throw new IllegalArgumentException("not a PromQL function: " + id + " in " + expr);
                }
                continue;
            }
            if (AGGREGATIONS.contains(id)) {
                continue; // "sum by (x) (...)": the label list is gone, the call's "(" follows later
            }
            names.add(id);
        }
        return names;
    }
}
