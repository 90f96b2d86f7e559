/**
 * The node monitor daemon. Exported: what the hami command and the demo start and read it with; the pod
 * index only to the benchmarks and the command's and the demo's tests.
 */
// "module": the modules named in qualified exports are built after this one.
// fabric8's jars name no module: javac derives their names from the file names, and would warn at each one.
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module io.hami.monitor {
    requires transitive io.hami.bindings;
    requires transitive io.hami.model;
    requires transitive io.prometheus.metrics.model;
    requires io.prometheus.writer.text;
    requires io.prometheus.metrics.config;
    requires io.hami.http;
    requires org.slf4j;
    requires kubernetes.client.api;
    requires kubernetes.model.core;

    exports io.hami.monitor;
    exports io.hami.monitor.config;
    exports io.hami.monitor.metrics;
    exports io.hami.monitor.regions;

    exports io.hami.monitor.pods to io.hami.benchmarks, io.hami.cli, io.hami.demo;
}
