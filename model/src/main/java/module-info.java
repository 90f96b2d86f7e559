/**
 * The wire model every daemon shares. Every package is used by another module, so every package is exported.
 */
// fabric8's jar names no module: javac derives its name from the file name, and would warn.
@SuppressWarnings("requires-automatic")
module io.hami.model {
    // Public signatures carry Jackson's mapper and tree types (CanonicalJson, RawSection).
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.yaml.snakeyaml;
    // Optional (io.hami.model.informer only): present in every daemon that runs an informer.
    requires static kubernetes.client.api;
    // Optional (io.hami.model.kube only): fabric8's model, in every daemon that reads pods through its client.
    requires static kubernetes.model.core;
    requires static kubernetes.model.common;
    requires static tools.jackson.databind;
    requires static org.slf4j;

    exports io.hami.model.annotation;
    exports io.hami.model.config;
    exports io.hami.model.device;
    exports io.hami.model.informer;
    exports io.hami.model.input;
    exports io.hami.model.json;
    exports io.hami.model.kube;
    exports io.hami.model.protocol;
    exports io.hami.model.quantity;
    exports io.hami.model.store;
    exports io.hami.model.vendor;
    exports io.hami.model.wire;
}
