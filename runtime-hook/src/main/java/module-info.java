/**
 * The OCI runtime shim, the createRuntime hook and their installer, all started by the hami command
 * (the identity reader by the demo too); the bundle and environment editing they share stay inside.
 */
// "module": io.hami.demo, named in a qualified export, is built after this module.
@SuppressWarnings("module")
module io.hami.runtimehook {
    requires transitive io.hami.bindings;
    requires transitive io.hami.model;
    requires com.fasterxml.jackson.dataformat.toml;

    exports io.hami.runtimehook;
    exports io.hami.runtimehook.cdi;
    exports io.hami.runtimehook.config;
    exports io.hami.runtimehook.device;
    exports io.hami.runtimehook.hook;
    exports io.hami.runtimehook.identity;
    exports io.hami.runtimehook.inject to io.hami.demo;
    exports io.hami.runtimehook.install;
    exports io.hami.runtimehook.oci;
    exports io.hami.runtimehook.shim;
}
