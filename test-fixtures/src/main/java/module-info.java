/**
 * Fakes, C mock libraries and their loaders: test scope for every other module, compile scope for the
 * benchmarks. Every package is used by another module, so every package is exported.
 */
// fabric8's jars name no module: javac derives their names from the file names, and would warn at each one.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.hami.testfixtures {
    requires transitive io.hami.bindings;
    requires transitive io.hami.kubelet;
    requires transitive io.hami.model;
    requires transitive kubernetes.client.api;
    requires transitive kubernetes.model.core;

    exports io.hami.testfixtures.kube;
    exports io.hami.testfixtures.kubelet;
    exports io.hami.testfixtures.mock;
    exports io.hami.testfixtures.net;
    exports io.hami.testfixtures.nvml;
    exports io.hami.testfixtures.oci;
    exports io.hami.testfixtures.region;
    exports io.hami.testfixtures.wait;
}
