package io.hami.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.cli.architecture.ModuleGraph.Dependency;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleRulesTest {

    private static ModuleGraph reactor() throws Exception {
        // Surefire runs in the module directory; the reactor root is its parent.
        return ModuleGraph.read(Path.of("").toAbsolutePath().getParent());
    }

    @Test
    void reactorKeepsTheModuleRules() throws Exception {
        var graph = reactor();
        assertThat(graph.dependencies()).containsKeys(ModuleRules.BINDINGS, ModuleRules.MODEL, ModuleRules.SCHEDULER,
                ModuleRules.CLI, "io.hami:hami-device-plugin", "io.hami:hami-monitor", "io.hami:hami-runtime-hook",
                "io.hami:hami-test-fixtures", "io.hami:hami-benchmarks", "io.hami:hami-native-headers",
                ModuleRules.KUBELET_API, ModuleRules.HTTP);
        assertThat(ModuleRules.violations(graph)).isEmpty();
    }

    @Test
    void schedulerGainingBindingsBreaksTheRules() throws Exception {
        var graph = withDependency(reactor(), ModuleRules.SCHEDULER, new Dependency("io.hami", "hami-bindings", "compile"));
        assertThat(ModuleRules.violations(graph)).containsExactly(
                "io.hami:hami-scheduler must never depend on bindings, but reaches io.hami:hami-bindings");
    }

    @Test
    void schedulerReachingBindingsThroughAnotherModuleBreaksTheRules() throws Exception {
        var graph = withDependency(reactor(), ModuleRules.SCHEDULER, new Dependency("io.hami", "hami-monitor", "runtime"));
        assertThat(ModuleRules.violations(graph)).containsExactly(
                "io.hami:hami-scheduler must never depend on bindings, but reaches io.hami:hami-bindings");
    }

    @Test
    void schedulerTestsMayUseFixturesThatUseBindings() throws Exception {
        var graph = reactor();
        assertThat(graph.dependencies().get(ModuleRules.SCHEDULER))
                .contains(new Dependency("io.hami", "hami-test-fixtures", "test"));
        assertThat(graph.productionClosure(ModuleRules.SCHEDULER)).doesNotContain(ModuleRules.BINDINGS);
    }

    @Test
    void modelGainingBindingsBindingsGainingALibraryAndDependingOnCliBreakTheRules() throws Exception {
        var graph = withDependency(reactor(), ModuleRules.MODEL, new Dependency("io.hami", "hami-bindings", "compile"));
        graph = withDependency(graph, ModuleRules.BINDINGS, new Dependency("org.slf4j", "slf4j-api", "compile"));
        graph = withDependency(graph, "io.hami:hami-monitor", new Dependency("io.hami", "hami-cli", "test"));
        assertThat(ModuleRules.violations(graph)).containsExactlyInAnyOrder(
                "bindings must depend on the JDK only, but depends on org.slf4j:slf4j-api (compile)",
                "io.hami:hami-model must never depend on bindings, but reaches io.hami:hami-bindings",
                // the scheduler depends on the model, so it now reaches bindings too
                "io.hami:hami-scheduler must never depend on bindings, but reaches io.hami:hami-bindings",
                "nothing may depend on the cli, but io.hami:hami-monitor does");
    }

    @Test
    void kubeletApiGainingAHamiModuleBreaksTheRules() throws Exception {
        var graph = withDependency(reactor(), ModuleRules.KUBELET_API, new Dependency("io.hami", "hami-model", "compile"));
        assertThat(ModuleRules.violations(graph)).containsExactly(
                "kubelet-api must hold generated code only, but depends on io.hami:hami-model");
    }

    @Test
    void httpGainingAHamiModuleBreaksTheRules() throws Exception {
        var graph = withDependency(reactor(), ModuleRules.HTTP, new Dependency("io.hami", "hami-model", "compile"));
        assertThat(ModuleRules.violations(graph)).containsExactly(
                "http sits below every daemon and beside the model, but depends on io.hami:hami-model");
    }

    private static ModuleGraph withDependency(ModuleGraph graph, String module, Dependency dep) {
        var deps = new HashMap<String, List<Dependency>>(graph.dependencies());
        var list = new java.util.ArrayList<>(deps.get(module));
        list.add(dep);
        deps.put(module, list);
        return new ModuleGraph(Map.copyOf(deps));
    }
}
