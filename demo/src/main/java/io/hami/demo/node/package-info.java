/**
 * A simulated GPU node: a real device plugin and a real monitor over a mock NVML, with a kubelet stand-in
 * ({@link io.hami.kubelet.sim.KubeletStandIn} plus the pod handling of {@link io.hami.demo.node.KubeletPods})
 * that keeps the Node object, watches the pods bound to the node, calls {@code Allocate} over the plugin's
 * socket as kubelet does and starts each container: under real runc through the runtime shim
 * ({@link io.hami.demo.node.RuncRuntime}), or without any runtime ({@link io.hami.demo.node.RegionWriterRuntime});
 * either way the container's region is the one {@code libvgpu.so} would write. {@code hami node} runs one per
 * process.
 *
 * <p>A node keeps its host state under one directory ({@link io.hami.demo.node.NodeLayout}):
 * <pre>
 * DIR/
 *   dp/                     kubelet's device-plugin directory: kubelet.sock, hami-nvidia.sock
 *   hook/                   the device plugin's hook path
 *     vgpu/                 HAMi-core on the host; the monitor's hook path
 *       containers/         one &lt;podUID&gt;_&lt;container&gt;/ per GPU container, holding its &lt;uuid&gt;.cache region
 *   vgpulock/               HAMi-core's lock directory
 *   started/                one &lt;podUID&gt;_&lt;container&gt;.json per started container: the Allocate answer
 * </pre>
 */
package io.hami.demo.node;
