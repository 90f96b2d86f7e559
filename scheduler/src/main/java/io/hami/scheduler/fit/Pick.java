package io.hami.scheduler.fit;

/**
 * One device chosen for one container.
 *
 * @param device position of the device in its node
 * @param mem    MiB booked
 * @param cores  cores booked
 */
public record Pick(int device, int mem, int cores) {
}
