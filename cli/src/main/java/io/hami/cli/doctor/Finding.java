package io.hami.cli.doctor;

import java.util.Locale;
import java.util.Objects;

/**
 * One thing {@code hami doctor} found wrong, in plain words, with what to do about it.
 *
 * @param id       a stable name for scripts and docs/doctor.md, {@code <check>.<what>}: {@code libraries.none}
 * @param severity how bad it is
 * @param problem  what is wrong, naming the file, device or object
 * @param action   what to do
 */
public record Finding(String id, Severity severity, String problem, String action) {

    /** How bad a finding is; both make the command exit 1. */
    public enum Severity {
        /** Pods on this node (or this pod) cannot get devices until it is fixed. */
        ERROR,
        /** Works for now, but is likely the cause of trouble later or elsewhere. */
        WARNING;

        /** The word in the text and JSON output. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(action, "action");
    }

    static Finding error(String id, String problem, String action) {
        return new Finding(id, Severity.ERROR, problem, action);
    }

    static Finding warning(String id, String problem, String action) {
        return new Finding(id, Severity.WARNING, problem, action);
    }
}
