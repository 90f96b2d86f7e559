package io.hami.scheduler.fit;

/**
 * One device chosen for one container.
 *
 * @param device position of the device in its node
 * @param mem    MiB booked; for a MIG pick, the MiB asked until the container's picks are final ({@link #booked()})
 * @param cores  cores booked; for a MIG pick, the cores asked until then
 * @param mig    the MIG instance chosen on a GPU in {@code mode: mig}; {@code null} on every other device
 */
public record Pick(int device, int mem, int cores, MigChoice mig) {

    /** A pick of a device that is not split into MIG instances. */
    public Pick(int device, int mem, int cores) {
        this(device, mem, cores, null);
    }

    /**
     * The pick as the node books it once the container's picks are final: a MIG pick takes its profile's memory and
     * cores (HAMi's {@code AddResourceUsage}); while the container is being fitted, its own earlier MIG picks count
     * with what was asked, as in HAMi's quota check.
     */
    public Pick booked() {
        return mig == null ? this : new Pick(device, mig.profile().memoryMB(), mig.profile().core(), mig);
    }
}
