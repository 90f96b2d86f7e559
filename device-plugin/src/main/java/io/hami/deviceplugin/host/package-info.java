/** Host files of HAMi-core: its installation, {@code ld.so.preload}, and the world-writable directories containers write to. */
package io.hami.deviceplugin.host;
