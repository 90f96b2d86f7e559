package io.hami.model.device;

/**
 * One device given to one container: an entry {@code UUID,Type,Usedmem,Usedcores} of
 * {@code hami.io/vgpu-devices-to-allocate} / {@code -allocated} (and the other vendors' {@code *-devices-*}).
 *
 * <p>{@code uuid} and {@code type} are non-empty and contain none of the format's separators ({@code ,} {@code :}
 * {@code ;}), no whitespace, no control characters and no unpaired surrogate, so every value is written and read back
 * unchanged.
 * {@code usedMem} and {@code usedCores} are Go {@code int32} values that HAMi never writes negative; a negative one is
 * rejected (newer HAMi decoders reject it as well), so they range over {@code 0..Integer.MAX_VALUE}.
 *
 * @param uuid      device UUID, e.g. {@code GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448}
 * @param type      device type key, {@code NVIDIA} for the NVIDIA backend
 * @param usedMem   memory booked in MiB (after the vendor's memory factor)
 * @param usedCores compute booked, in the vendor's core unit (percent for NVIDIA)
 */
public record ContainerDevice(String uuid, String type, int usedMem, int usedCores) {

    public ContainerDevice {
        token(uuid, "uuid");
        token(type, "type");
        Checks.nonNegative(usedMem, "usedMem");
        Checks.nonNegative(usedCores, "usedCores");
    }

    /** Whether {@code c} may appear in a UUID or type: not a separator, not whitespace, not a control character. */
    public static boolean isTokenChar(char c) {
        return c != ',' && c != ':' && c != ';'
                && !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c);
    }

    private static void token(String value, String field) {
        Checks.nonEmptyText(value, field);
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                throw new IllegalArgumentException(String.format(
                        "%s must not contain separators, whitespace or control characters: U+%04X at %d",
                        field, (int) value.charAt(i), i));
            }
        }
    }
}
