package io.hami.bindings.cndev;

/**
 * A CNDEV device handle ({@code cndevDevice_t}, an int): whatever {@code cndevGetDeviceHandleByIndex} gave,
 * never assumed equal to the index.
 *
 * @param handle the library's value
 */
public record CndevDevice(int handle) {
}
