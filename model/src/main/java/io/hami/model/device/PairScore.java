package io.hami.model.device;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well one device is linked to each of its peers: an entry of {@code hami.io/node-nvidia-score}, e.g.
 * {@code {"uuid":"GPU-0","score":{"GPU-1":50,"GPU-2":20}}}. Higher is a better link (NVLink 100 per link, same board
 * 60, ..., cross-CPU 10).
 *
 * <p>The scores are kept in the order Go's {@code encoding/json} writes map keys: by UTF-8 bytes, which is the order of
 * Unicode code points (not of Java's UTF-16 {@code compareTo}).
 *
 * @param uuid   the device's UUID; may be empty on the wire
 * @param scores peer UUID to score (Go {@code int}, narrowed to 32 bits); unmodifiable
 */
public record PairScore(String uuid, Map<String, Integer> scores) {

    /** Go's map key order: by code point, which equals the order of the UTF-8 encodings. */
    public static final Comparator<String> GO_KEY_ORDER = PairScore::compareCodePoints;

    public PairScore {
        Checks.text(uuid, "uuid");
        if (scores == null) {
            throw new IllegalArgumentException("scores must not be null");
        }
        var sorted = new TreeMap<String, Integer>(GO_KEY_ORDER);
        scores.forEach((peer, score) -> {
            if (peer == null || score == null) {
                throw new IllegalArgumentException("scores must not hold null keys or values: " + peer);
            }
            Checks.text(peer, "scores key");
            sorted.put(peer, score);
        });
        scores = Collections.unmodifiableSortedMap(sorted);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
