/**
 * kubelet's device-plugin API v1beta1: the plugin's gRPC server on a Unix socket, registration with kubelet and
 * re-registration after kubelet restarts, HAMi's split slots in ListAndWatch, and slot preferences aligned with the
 * scheduler's choice.
 */
package io.hami.deviceplugin.kubelet;
