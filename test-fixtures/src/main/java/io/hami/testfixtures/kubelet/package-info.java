/**
 * A fake kubelet for device-plugin tests: {@link io.hami.testfixtures.kubelet.FakeKubelet}, a thin name over
 * kubelet-api's {@link io.hami.kubelet.sim.KubeletStandIn}, serves {@code v1beta1.Registration} on a real Unix
 * socket, dials each plugin that registers, follows its ListAndWatch stream and calls Allocate as kubelet does.
 */
package io.hami.testfixtures.kubelet;
