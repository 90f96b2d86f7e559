package io.hami.cli.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * What one check saw: facts (what was found, one line each) and findings (what is wrong). Filled by the check, then
 * read by the report.
 */
final class Section {

    private final String check;
    private final List<String> facts = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    Section(String check) {
        this.check = check;
    }

    String check() {
        return check;
    }

    Section fact(String line) {
        facts.add(line);
        return this;
    }

    Section error(String what, String problem, String action) {
        findings.add(Finding.error(check + "." + what, problem, action));
        return this;
    }

    Section warning(String what, String problem, String action) {
        findings.add(Finding.warning(check + "." + what, problem, action));
        return this;
    }

    List<String> facts() {
        return List.copyOf(facts);
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }
}
