/**
 * The hami command, the composition root: nothing depends on it, so it exports nothing.
 */
// fabric8's jars name no module: javac derives their names from the file names, and would warn at each one.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.hami.cli {
    requires io.hami.bindings;
    requires io.hami.demo;
    requires io.hami.deviceplugin;
    requires io.hami.model;
    requires io.hami.monitor;
    requires io.hami.runtimehook;
    requires io.hami.scheduler;
    requires info.picocli;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires tools.jackson.databind;
    requires kubernetes.client.api;
    requires kubernetes.model.admissionregistration;
    requires kubernetes.model.common;
    requires kubernetes.model.core;
    requires kubernetes.model.node;

    provides ch.qos.logback.classic.spi.Configurator with io.hami.cli.logging.HamiLogConfigurator;
}
