package io.hami.cli.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every check's section, in the order they ran; its two outputs, text and JSON, and the exit code. */
final class DoctorReport {

    private final List<Section> sections = new ArrayList<>();

    Section section(String check) {
        var s = new Section(check);
        sections.add(s);
        return s;
    }

    List<Finding> findings() {
        return sections.stream().flatMap(s -> s.findings().stream()).toList();
    }

    /** 0 when nothing was found, 1 otherwise. */
    int exitCode() {
        return findings().isEmpty() ? 0 : 1;
    }

    /** {@code {"healthy":…,"checks":[{"check":…,"facts":[…],"findings":[{"id","severity","problem","action"}]}]}}. */
    Map<String, Object> json() {
        var checks = new ArrayList<Map<String, Object>>();
        for (var s : sections) {
            var findings = s.findings().stream().map(f -> {
                var m = new LinkedHashMap<String, Object>();
                m.put("id", f.id());
                m.put("severity", f.severity().word());
                m.put("problem", f.problem());
                m.put("action", f.action());
                return (Map<String, Object>) m;
            }).toList();
            var m = new LinkedHashMap<String, Object>();
            m.put("check", s.check());
            m.put("facts", s.facts());
            m.put("findings", findings);
            checks.add(m);
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("healthy", findings().isEmpty());
        out.put("checks", checks);
        return out;
    }

    /** A block per check (its facts, then its findings with what to do), and a closing count. */
    List<String> text() {
        var lines = new ArrayList<String>();
        for (var s : sections) {
            lines.add(s.check() + ":");
            s.facts().forEach(f -> lines.add("  " + f));
            for (var f : s.findings()) {
                lines.add("  " + f.severity().name() + " " + f.id() + ": " + f.problem());
                lines.add("    what to do: " + f.action());
            }
        }
        var all = findings();
        long errors = all.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        lines.add(all.isEmpty() ? "healthy: nothing found"
                : all.size() + " finding" + (all.size() == 1 ? "" : "s") + " (" + errors + " error"
                        + (errors == 1 ? "" : "s") + ", " + (all.size() - errors) + " warning"
                        + (all.size() - errors == 1 ? "" : "s") + ")");
        return lines;
    }
}
