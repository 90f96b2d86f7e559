package io.hami.deviceplugin.vendor;

import io.hami.bindings.ffm.NativeCallException;
import io.hami.bindings.ffm.NativeLibraryException;
import io.hami.bindings.hygon.HygonSmi;
import io.hami.deviceplugin.devices.PhysicalDevice;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Hygon card's compute units as hydmi reports them ({@code dmiGetDeviceInfo}, asked by the card's rocm_smi index
 * within a rocm_smi session), read at the first vDCU of the card and remembered. HAMi's plugin takes them from a table
 * of models in Hygon's DCGM (Z100 60, K100 120); hydmi asks the card itself.
 */
final class HygonComputeUnits implements HygonVdcus.ComputeUnits {

    private final HygonSmi smi;
    private final Map<String, Integer> known = new ConcurrentHashMap<>();

    HygonComputeUnits(HygonSmi smi) {
        this.smi = Objects.requireNonNull(smi, "smi");
    }

    @Override
    public int of(PhysicalDevice card) {
        return known.computeIfAbsent(card.uuid(), uuid -> read(card));
    }

    private int read(PhysicalDevice card) {
        int units;
        try (var _ = smi.start()) {
            units = smi.hydmi().deviceInfo(card.index()).orThrow().computeUnits();
        } catch (NativeCallException | NativeLibraryException e) {
            throw new IllegalArgumentException("the compute units of card " + card.uuid() + " cannot be read: "
                    + e.getMessage());
        }
        if (units <= 0) {
            throw new IllegalArgumentException("hydmi reports " + units + " compute units for card " + card.uuid());
        }
        return units;
    }
}
