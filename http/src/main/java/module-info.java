/**
 * The bounded HTTP/1.1 listener every daemon serves through, and the routes they share. Below every daemon and
 * beside the model: it reads no hami module.
 */
// Prometheus's jars name their modules in their manifests only: javac would warn at each.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.hami.http {
    // Routes.metrics takes Prometheus's registry.
    requires transitive io.prometheus.metrics.model;
    requires io.prometheus.metrics.exporter.common;
    requires org.slf4j;

    exports io.hami.http;
}
