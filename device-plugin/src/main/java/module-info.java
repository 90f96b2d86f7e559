/**
 * The device plugin daemon. Exported: what the hami command and the benchmarks start it with (NVIDIA's plugin and the
 * other vendors' compositions). Registration
 * and kubelet's protocol stay inside; allocation too, but for the demo, whose allocation audit reads a pod's
 * containers as the plugin does ({@code KubePods}).
 */
// "module": io.hami.demo, named in a qualified export, is built after this module.
// fabric8's jars name no module: javac derives their names from the file names, and would warn at each one.
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module io.hami.deviceplugin {
    requires transitive io.hami.bindings;
    requires transitive io.hami.model;
    requires io.hami.http;
    requires io.hami.kubelet;
    requires io.grpc.netty;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    requires org.slf4j;
    requires transitive kubernetes.client.api;
    requires kubernetes.model.core;

    exports io.hami.deviceplugin;
    exports io.hami.deviceplugin.devices;
    exports io.hami.deviceplugin.nvidia;
    exports io.hami.deviceplugin.vendor;

    exports io.hami.deviceplugin.allocate to io.hami.demo;
    // The node check on a real GPU (the command's gpu tests) scores the machine's links as the plugin does.
    exports io.hami.deviceplugin.register to io.hami.cli;
}
