/**
 * kubelet's half of the device-plugin protocol over real Unix sockets: {@link io.hami.kubelet.sim.KubeletStandIn}
 * serves {@code Registration}, dials the plugin that registers, follows its ListAndWatch stream and calls
 * {@code Allocate} and {@code GetPreferredAllocation}. Used by the demo's simulated GPU nodes and, under the name
 * {@code FakeKubelet}, by the device-plugin tests.
 */
package io.hami.kubelet.sim;
