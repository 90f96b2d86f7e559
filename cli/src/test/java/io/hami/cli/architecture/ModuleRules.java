package io.hami.cli.architecture;

import java.util.ArrayList;
import java.util.List;

/**
 * The dependency rules of docs/architecture.md, checked over a {@link ModuleGraph}:
 * bindings depends on the JDK only; model and scheduler never reach bindings; kubelet-api (generated code) and http
 * (the daemons' listener) depend on no hami module; nothing depends on the cli.
 */
final class ModuleRules {
    static final String BINDINGS = "io.hami:hami-bindings";
    static final String MODEL = "io.hami:hami-model";
    static final String SCHEDULER = "io.hami:hami-scheduler";
    static final String CLI = "io.hami:hami-cli";
    static final String KUBELET_API = "io.hami:hami-kubelet-api";
    static final String HTTP = "io.hami:hami-http";

    private ModuleRules() {
    }

    /** The broken rules, one sentence each; empty when the graph is sound. */
    static List<String> violations(ModuleGraph graph) {
        var out = new ArrayList<String>();
        graph.dependencies().getOrDefault(BINDINGS, List.of()).stream()
                .filter(ModuleGraph.Dependency::reachesProduction)
                .forEach(d -> out.add("bindings must depend on the JDK only, but depends on " + d.key() + " (" + d.scope() + ")"));
        for (var module : List.of(MODEL, SCHEDULER)) {
            if (graph.productionClosure(module).contains(BINDINGS)) {
                out.add(module + " must never depend on bindings, but reaches " + BINDINGS);
            }
        }
        graph.dependencies().getOrDefault(KUBELET_API, List.of()).stream()
                .filter(d -> d.groupId().equals("io.hami"))
                .forEach(d -> out.add("kubelet-api must hold generated code only, but depends on " + d.key()));
        graph.dependencies().getOrDefault(HTTP, List.of()).stream()
                .filter(d -> d.groupId().equals("io.hami"))
                .forEach(d -> out.add("http sits below every daemon and beside the model, but depends on " + d.key()));
        graph.dependentsOf(CLI).forEach(m -> out.add("nothing may depend on the cli, but " + m + " does"));
        return out;
    }
}
