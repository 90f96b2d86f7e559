/**
 * The kubelet device-plugin (API v1beta1 over Unix sockets): registers the vendor resources,
 * answers {@code ListAndWatch} and {@code Allocate}, and publishes the node's devices in the
 * {@code hami.io/node-*-register} annotation.
 */
package io.hami.deviceplugin;
