/**
 * The device plugin for the vendors other than NVIDIA where HAMi uses a plugin of our kind (Hygon, Iluvatar,
 * MetaX sGPU, Ascend): their differences as data over the shared source and register encoder.
 */
package io.hami.deviceplugin.vendor;
