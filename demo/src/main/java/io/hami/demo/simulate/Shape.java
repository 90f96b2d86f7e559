package io.hami.demo.simulate;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a pod asks for, and whether another request asks at least as much. Pods of equal shapes are interchangeable to
 * the filter; and a request that asks at least as much as one that fits nowhere fits nowhere either, since each of a
 * device request's dimensions (count, memory, its percentage, cores) only ever makes a device harder to fit. Only
 * requests of the same resource names are compared (an absent memory means a whole GPU, not zero), and only when
 * every quantity is a plain number. Shapes are interned per simulation ({@link #intern}), so equal shapes are the
 * same object and identity is equality.
 */
final class Shape {

    private final SortedMap<String, String> requests;
    /** The resource names, one list object per set of names, so that equal names compare by identity. */
    private final List<String> names;
    /** The numbers in the order of {@code names}; null when one is not a plain number. */
    private final double[] values;

    private Shape(SortedMap<String, String> requests, List<String> names, double[] values) {
        this.requests = requests;
        this.names = names;
        this.values = values;
    }

    /** The shape of {@code requests}, the same object for equal requests within {@code shapes}. */
    static Shape intern(SortedMap<String, String> requests, Map<SortedMap<String, String>, Shape> shapes,
                        Map<List<String>, List<String>> nameLists) {
        Shape known = shapes.get(requests);
        if (known != null) {
            return known;
        }
        List<String> names = nameLists.computeIfAbsent(List.copyOf(requests.keySet()), k -> k);
        double[] values = new double[requests.size()];
        int i = 0;
        for (String v : requests.values()) {
            try {
                values[i++] = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                values = null;
                break;
            }
        }
        Shape shape = new Shape(requests, names, values);
        shapes.put(requests, shape);
        return shape;
    }

    /** Whether this request asks at least as much as {@code other} in every dimension, under the same names. */
    boolean asksAtLeast(Shape other) {
        if (names != other.names || values == null || other.values == null) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] < other.values[i]) {
                return false;
            }
        }
        return true;
    }

    SortedMap<String, String> requests() {
        return requests;
    }
}
