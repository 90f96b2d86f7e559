/**
 * The whole system on one machine, run by the hami command ({@code hami demo}, {@code hami node}). The
 * daemons run in child JVMs; the demo's own code reads pods with the device plugin's and the scheduler's readers.
 */
// fabric8's jars name no module: javac derives their names from the file names, and would warn at each one.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.hami.demo {
    requires transitive io.hami.kubelet;
    requires transitive io.hami.model;
    requires transitive io.hami.monitor;
    requires io.hami.deviceplugin;
    requires io.hami.http;
    requires io.hami.runtimehook;
    requires io.hami.scheduler;
    // The simulator's trace files (YAML, as the model reads YAML) and its PNG plots (JFreeChart draws with AWT).
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires java.desktop;
    requires org.jfree.jfreechart;
    requires java.logging;
    requires java.net.http;
    requires org.slf4j;
    requires tools.jackson.databind;
    requires transitive kubernetes.client.api;
    requires transitive kubernetes.model.core;
    // BindingDispatcher extends the mock API server's dispatcher.
    requires transitive kubernetes.server.mock;
    requires transitive mockwebserver;
    // The embedded API server's HTTP side serves that dispatcher on Vert.x, as fabric8's server does.
    requires io.vertx.core;
    requires zjsonpatch;

    exports io.hami.demo.api;
    exports io.hami.demo.cluster;
    exports io.hami.demo.containerd;
    exports io.hami.demo.node;
    exports io.hami.demo.process;
    exports io.hami.demo.race;
    exports io.hami.demo.report;
    exports io.hami.demo.scheduling;
    exports io.hami.demo.simulate;
    exports io.hami.demo.workload;
}
