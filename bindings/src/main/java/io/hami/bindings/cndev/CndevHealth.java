package io.hami.bindings.cndev;

/**
 * {@code cndevCardHealthState_t}: the card's health flag and the states behind it.
 *
 * @param health      1 (good) or 0 (in problem)
 * @param deviceState the device's state code
 * @param driverState the driver's state; 4 is running
 */
public record CndevHealth(int health, int deviceState, int driverState) {

    /** {@code health} of a good card. */
    public static final int GOOD = 1;
    /** {@code driverState} of a running driver. */
    public static final int DRIVER_RUNNING = 4;

    /** Whether the card says it is good. */
    public boolean healthy() {
        return health == GOOD;
    }
}
