package io.hami.scheduler.fit;

/**
 * One device chosen for one container.
 *
 * @param device position of the device in its node
 * @param mem    MiB booked
 * @param cores  cores booked
 * @param mig    the MIG instance chosen on a GPU in {@code mode: mig}; {@code null} on every other device
 */
public record Pick(int device, int mem, int cores, MigChoice mig) {

    /** A pick of a device that is not split into MIG instances. */
    public Pick(int device, int mem, int cores) {
        this(device, mem, cores, null);
    }
}
