/**
 * A node's devices as the plugin core sees them, whatever the vendor: a source, the physical devices it found,
 * their health as it changes, the operator's filter and the XID policy.
 */
package io.hami.deviceplugin.devices;
