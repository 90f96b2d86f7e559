/**
 * HAMi's {@code device-config.yaml} (the {@code hami-scheduler-device} ConfigMap): one immutable record per
 * vendor section, built once by {@link io.hami.model.config.DeviceConfigLoader} or
 * {@link io.hami.model.config.DeviceConfigCodec}, checked in one place by
 * {@link io.hami.model.config.DeviceConfigValidator}.
 */
package io.hami.model.config;
