/**
 * A simulated node: a real device plugin and a real monitor of any vendor over its mock library, with a kubelet
 * stand-in ({@link io.hami.kubelet.sim.KubeletStandIn} plus the pod handling of {@link io.hami.demo.node.KubeletPods})
 * that keeps the Node object (the capacity of every resource the plugin registers), watches the pods bound to the
 * node, calls {@code Allocate} over the socket of each resource a container asks for as kubelet does and starts each
 * container: under real runc through the runtime shim ({@link io.hami.demo.node.RuncRuntime}), or without any runtime
 * ({@link io.hami.demo.node.RegionWriterRuntime}); either way an NVIDIA container's region is the one
 * {@code libvgpu.so} would write, and another vendor's container gets the device nodes its answer lists (under runc) or
 * only its answer recorded. {@code hami node} runs one per process.
 *
 * <p>A node keeps its host state under one directory ({@link io.hami.demo.node.NodeLayout}):
 * <pre>
 * DIR/
 *   dp/                     kubelet's device-plugin directory: kubelet.sock, hami-&lt;vendor&gt;.sock (and its slot
 *                           resources' sockets)
 *   hook/                   the device plugin's hook path
 *     vgpu/                 HAMi-core on the host; the monitor's hook path
 *       containers/         one &lt;podUID&gt;_&lt;container&gt;/ per GPU container, holding its &lt;uuid&gt;.cache region
 *   vgpulock/               HAMi-core's lock directory
 *   started/                one &lt;podUID&gt;_&lt;container&gt;.json per started container: the Allocate answer
 *   devices.json            the devices the plugin serves, as its library reported them
 *   hygon/vdcu/, hygon/vdev/  a Hygon node's vDCU directories and the copies of their configurations
 * </pre>
 */
package io.hami.demo.node;
