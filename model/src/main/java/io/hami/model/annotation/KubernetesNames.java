package io.hami.model.annotation;

/**
 * Kubernetes object-name rules (apimachinery {@code IsDNS1123Label} / {@code IsDNS1123Subdomain}): the codecs'
 * checks return the problem in words, or {@code null} when the name is valid; {@link #isDnsLabel} is the one
 * label check and {@link #isDnsSubdomain} the one subdomain check the other modules use (container, pod, node,
 * Service and runtime handler names).
 */
public final class KubernetesNames {

    static final int LABEL_MAX = 63;
    static final int SUBDOMAIN_MAX = 253;

    private KubernetesNames() {
    }

    /** Whether {@code name} is a DNS-1123 label: at most 63 of {@code [a-z0-9-]}, alphanumeric at both ends. */
    public static boolean isDnsLabel(String name) {
        return name != null && !name.isEmpty() && name.length() <= LABEL_MAX
                && labelProblem(name, 0, name.length()) == null;
    }

    /** Whether {@code name} is a DNS-1123 subdomain: dot-separated labels, at most 253 characters. */
    public static boolean isDnsSubdomain(String name) {
        return name != null && podNameProblem(name) == null;
    }

    /** A namespace: a DNS-1123 label of at most 63 characters. */
    static String namespaceProblem(String name) {
        if (name.isEmpty()) {
            return "empty namespace";
        }
        if (name.length() > LABEL_MAX) {
            return "namespace longer than " + LABEL_MAX + " characters";
        }
        return labelProblem(name, 0, name.length()) == null ? null
                : "not a DNS-1123 label (lower-case letters, digits and '-', starting and ending alphanumeric)";
    }

    /** A pod name: a DNS-1123 subdomain of at most 253 characters. */
    static String podNameProblem(String name) {
        if (name.isEmpty()) {
            return "empty pod name";
        }
        if (name.length() > SUBDOMAIN_MAX) {
            return "pod name longer than " + SUBDOMAIN_MAX + " characters";
        }
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            if (labelProblem(name, start, end) != null) {
                return "not a DNS-1123 subdomain (dot-separated labels of lower-case letters, digits and '-', "
                        + "each starting and ending alphanumeric)";
            }
            if (dot < 0) {
                return null;
            }
            start = dot + 1;
        }
    }

    /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?} on {@code s[from, to)}; subdomain labels have no own length cap. */
    private static String labelProblem(String s, int from, int to) {
        if (from >= to) {
            return "empty label";
        }
        if (!alphanumeric(s.charAt(from)) || !alphanumeric(s.charAt(to - 1))) {
            return "bad label edge";
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (!alphanumeric(c) && c != '-') {
                return "bad label character";
            }
        }
        return null;
    }

    private static boolean alphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
