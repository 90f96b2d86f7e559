/**
 * What nodes offer: {@link io.hami.scheduler.inventory.InventoryReader} turns a fabric8 {@code Node} into a
 * {@link io.hami.scheduler.inventory.NodeInventory} of {@link io.hami.scheduler.inventory.DeviceSpec}s, through the
 * model's register codecs or from the node's capacity, without any I/O.
 */
package io.hami.scheduler.inventory;
