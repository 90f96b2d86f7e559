/**
 * JMH benchmarks, run from the shaded jar on the class path; nothing depends on them, so they export nothing.
 */
// fabric8's and JMH's jars name no module: javac derives their names from the file names, and would warn at each one.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.hami.benchmarks {
    requires io.hami.bindings;
    requires io.hami.demo;
    requires io.hami.deviceplugin;
    requires io.hami.model;
    requires io.hami.monitor;
    requires io.hami.scheduler;
    requires io.hami.testfixtures;
    requires io.prometheus.metrics.config;
    requires io.prometheus.writer.text;
    requires java.logging;
    requires java.management;
    requires java.net.http;
    requires jmh.core;
    requires kubernetes.client.api;
    requires kubernetes.model.common;
    requires kubernetes.model.core;
    requires kubernetes.server.mock;
    requires mockwebserver;
    requires tools.jackson.databind;
}
