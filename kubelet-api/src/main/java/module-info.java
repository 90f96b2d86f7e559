/**
 * Kubelet's device-plugin API v1beta1 (the generated gRPC stubs) and kubelet's side of it; kubelet's side of the
 * Container Runtime Interface v1 (a client, and the stubs of the part of it we use).
 */
module io.hami.kubelet {
    // The generated messages and stubs extend protobuf's and grpc's types; the future stub returns Guava futures.
    requires transitive com.google.common;
    requires transitive com.google.protobuf;
    requires transitive io.grpc;
    requires transitive io.grpc.stub;
    requires io.grpc.protobuf;
    requires io.grpc.netty;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;

    exports io.hami.kubelet.cri;
    exports io.hami.kubelet.cri.v1;
    exports io.hami.kubelet.sim;
    exports io.hami.kubelet.v1beta1;
}
