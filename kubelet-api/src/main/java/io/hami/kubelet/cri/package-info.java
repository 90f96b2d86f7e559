/**
 * kubelet's side of the Container Runtime Interface (CRI v1) over a runtime's Unix socket: {@link
 * io.hami.kubelet.cri.CriClient} runs a pod's sandbox and containers as kubelet does (containerd's CRI plugin answers),
 * and {@link io.hami.kubelet.cri.CriPods} builds the sandbox and container configs kubelet would send, a container's
 * from the device plugin's {@code Allocate} answer. The messages and stubs are in {@code io.hami.kubelet.cri.v1}.
 */
package io.hami.kubelet.cri;
