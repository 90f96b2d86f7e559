package io.hami.scheduler.fit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAMi's node failure text (docs/scheduler.md, "Fitting and reasons"): each counted reason as
 * {@code "<count>/<devices> <Reason>"}, the parts sorted as whole strings and joined with {@code ", "}, e.g.
 * {@code 1/4 AllocatedCardsInsufficientRequest, 3/4 ResourceQuotaNotFit}; and its inverse, HAMi's {@code ParseReason}.
 */
public final class Reasons {

    private static final FitReason[] ALL = FitReason.values();
    private static final Pattern PART = Pattern.compile("(-?\\d+)/(-?\\d+) (.+)");

    private Reasons() {
    }

    /**
     * Formats counts indexed by {@link FitReason#ordinal()}; zero counts are left out.
     *
     * @param devices how many devices of the requested type the node has (the denominator)
     */
    public static String format(int[] counts, int devices) {
        String single = null;
        List<String> parts = null;
        for (FitReason r : ALL) {
            if (counts[r.ordinal()] > 0) {
                String part = counts[r.ordinal()] + "/" + devices + " " + r.wireName();
                if (single == null) {
                    single = part;
                } else {
                    if (parts == null) {
                        parts = new ArrayList<>(4);
                        parts.add(single);
                    }
                    parts.add(part);
                }
            }
        }
        if (parts == null) {
            return single == null ? "" : single;
        }
        Collections.sort(parts);
        return String.join(", ", parts);
    }

    /** The reasons and counts of a formatted text, in text order; parts that do not scan are skipped, as in HAMi. */
    public static Map<String, Integer> parse(String text) {
        var result = new LinkedHashMap<String, Integer>();
        for (String part : text.split(", ")) {
            Matcher m = PART.matcher(part);
            if (m.matches()) {
                try {
                    result.put(m.group(3), Integer.parseInt(m.group(1)));
                } catch (NumberFormatException e) {
                    // a count beyond int: not a reason HAMi writes
                }
            }
        }
        return result;
    }

    /** The reason words of a text, for grouping failures into events. */
    public static List<String> words(String text) {
        return List.copyOf(parse(text).keySet());
    }
}
