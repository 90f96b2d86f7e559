/**
 * The device types a scheduler serves, as data: {@link io.hami.scheduler.vendor.DeviceType} joins the model's
 * {@link io.hami.model.vendor.VendorDescriptor} with the scheduler-only settings of {@code device-config.yaml}, and
 * {@link io.hami.scheduler.vendor.DeviceTypes} is the catalog built once from that file.
 */
package io.hami.scheduler.vendor;
