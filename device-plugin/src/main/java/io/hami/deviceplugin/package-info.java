/**
 * The kubelet device plugin (API v1beta1 over Unix sockets), vendor-neutral: {@link io.hami.deviceplugin.DevicePlugin}
 * discovers a vendor's devices through a {@link io.hami.deviceplugin.devices.DeviceSource}, publishes them in the
 * node's {@code hami.io/node-*-register} annotation, offers HAMi's split slots to kubelet, and answers
 * {@code Allocate} with what the scheduler chose. Configuration is one record built by the command
 * ({@link io.hami.deviceplugin.DevicePluginConfig}); clocks, the API client and native libraries are passed in.
 */
package io.hami.deviceplugin;
