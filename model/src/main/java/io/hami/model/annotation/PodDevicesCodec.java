package io.hami.model.annotation;

import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hami.io/vgpu-devices-to-allocate} and {@code hami.io/vgpu-devices-allocated} (and every other vendor's
 * {@code *-devices-to-allocate} / {@code *-devices-allocated}): per device {@code UUID,Type,Usedmem,Usedcores}
 * followed by {@code :}, per container its devices followed by {@code ;}, containers in order (init containers first).
 * Examples: {@code GPU-a,NVIDIA,3000,30:;} (one container, one GPU), {@code GPU-a,NVIDIA,3000,0:;GPU-a,NVIDIA,5000,0:;}
 * (two containers), {@code ;GPU-x,NVIDIA,1000,30:;} (a container without GPU, then one with).
 *
 * <p><b>Containers.</b> Our canonical rule: {@code ;} <em>terminates</em> a container, so {@code a;b;} is two
 * containers and {@code ""} is none. HAMi's Go decoder splits on {@code ;} and so reads a third, empty, trailing entry
 * from {@code a;b;}; we do not, so that {@code decode(encode(v))} is {@code v} and entry {@code i} is container
 * {@code i}. A final piece without {@code ;} that is not empty is still read as a last container (Go reads it too); an
 * empty final piece is not a container.
 *
 * <p><b>Devices.</b> Inside a container, pieces are split on {@code :} and empty ones skipped (so the trailing
 * {@code :} may be missing, as Go allows). Where HAMi v2.10 is lenient we fail closed, because a half-read allocation
 * would book the wrong GPUs:
 * <ul>
 *   <li>a non-empty piece without {@code ,} is an error (v2.10 skips it silently; later HAMi rejects it too);</li>
 *   <li>fewer than 4 fields is "pod annotation format error, missing fields" (HAMi's text). Fields after the fourth
 *       are accepted and ignored, as HAMi's decoder ignores them, so that a newer HAMi that appends a field does not
 *       break us (docs/protocol.md, "Where we accept more than we know"); they are not kept, so re-encoding drops
 *       them;</li>
 *   <li>the memory and core fields are parsed as Go's {@code strconv.ParseInt(s, 10, 32)} ("invalid memory field",
 *       "invalid core field") and must not be negative;</li>
 *   <li>UUID and type must be non-empty, without whitespace, control characters or unpaired surrogates (see
 *       {@link ContainerDevice}).</li>
 * </ul>
 * Errors name the container and the device, e.g. {@code containers[1].devices[0].usedmem}.
 */
public final class PodDevicesCodec implements WireCodec<PodDevices> {

    /** The codec; it is stateless. */
    public static final PodDevicesCodec INSTANCE = new PodDevicesCodec();

    static final String FORMAT = "pod-devices";
    private static final String SHAPE = "expected UUID,Type,mem,cores";

    private PodDevicesCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<PodDevices> valueType() {
        return PodDevices.class;
    }

    @Override
    public PodDevices decode(String wire) throws WireFormatException {
        String[] pieces = wire.split(";", -1);
        int containers = pieces[pieces.length - 1].isEmpty() ? pieces.length - 1 : pieces.length;
        var result = new ArrayList<ContainerDevices>(containers);
        for (int c = 0; c < containers; c++) {
            result.add(container(pieces[c], "containers[" + c + "]"));
        }
        return new PodDevices(result);
    }

    private static ContainerDevices container(String piece, String path) throws WireFormatException {
        if (piece.isEmpty()) {
            return ContainerDevices.NONE;
        }
        var devices = new ArrayList<ContainerDevice>();
        for (String entry : piece.split(":", -1)) {
            if (!entry.isEmpty()) {
                devices.add(device(entry, path + ".devices[" + devices.size() + "]"));
            }
        }
        return new ContainerDevices(devices);
    }

    private static ContainerDevice device(String entry, String path) throws WireFormatException {
        if (entry.indexOf(',') < 0) {
            throw new WireFormatException(FORMAT, path, "malformed device entry, " + SHAPE, entry);
        }
        String[] f = entry.split(",", -1);
        if (f.length < 4) {
            throw new WireFormatException(FORMAT, path,
                    "pod annotation format error, missing fields: " + SHAPE, entry);
        }
        String uuid = token(f[0], path + ".uuid", "device UUID");
        String type = token(f[1], path + ".type", "device type");
        int usedMem = amount(f[2], path + ".usedmem", "memory");
        int usedCores = amount(f[3], path + ".usedcores", "core");
        return new ContainerDevice(uuid, type, usedMem, usedCores);
    }

    private static String token(String text, String path, String name) throws WireFormatException {
        if (text.isEmpty()) {
            throw new WireFormatException(FORMAT, path, "pod annotation format error, missing " + name, null);
        }
        for (int i = 0; i < text.length(); i++) {
            if (!ContainerDevice.isTokenChar(text.charAt(i))) {
                throw new WireFormatException(FORMAT, path,
                        name + " must not contain whitespace or control characters", text);
            }
        }
        if (GoText.unpairedSurrogate(text) >= 0) {
            throw new WireFormatException(FORMAT, path, name + " must be valid Unicode: unpaired surrogate", text);
        }
        return text;
    }

    private static int amount(String text, String path, String name) throws WireFormatException {
        long value;
        try {
            value = GoStrconv.parseInt(text, 32);
        } catch (GoStrconv.ParseException e) {
            String reason = GoStrconv.OUT_OF_RANGE.equals(e.getMessage()) ? "out of 32-bit range" : "not a 32-bit integer";
            throw new WireFormatException(FORMAT, path, "invalid " + name + " field: " + reason, text);
        }
        if (value < 0) {
            throw new WireFormatException(FORMAT, path, name + " field must not be negative", text);
        }
        return (int) value;
    }

    @Override
    public String encode(PodDevices value) {
        var sb = new StringBuilder();
        for (ContainerDevices container : value.containers()) {
            List<ContainerDevice> devices = container.devices();
            for (ContainerDevice d : devices) {
                sb.append(d.uuid()).append(',').append(d.type()).append(',')
                        .append(d.usedMem()).append(',').append(d.usedCores()).append(':');
            }
            sb.append(';');
        }
        return sb.toString();
    }
}
