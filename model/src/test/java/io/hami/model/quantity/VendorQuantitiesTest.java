package io.hami.model.quantity;

import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VendorQuantitiesTest {

    private static Quantity q(String text) throws WireFormatException {
        return Quantity.parse(text);
    }

    @Test
    void countsWholeDevices() throws WireFormatException {
        assertThat(VendorQuantities.count("nvidia.com/gpu", q("2"))).isEqualTo(2);
        assertThat(VendorQuantities.count("nvidia.com/gpu", q("0"))).isZero();
        assertThat(VendorQuantities.count("nvidia.com/gpu", q("2000m"))).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1500m      | 'quantity: nvidia.com/gpu: not a whole number: "1500m"'
            -1         | 'quantity: nvidia.com/gpu: must not be negative: "-1"'
            4Gi        | 'quantity: nvidia.com/gpu: more than 2147483647 devices: "4Gi"'
            1e30       | 'quantity: nvidia.com/gpu: too large: "1e30"'
            """)
    void refusesOtherCounts(String text, String message) {
        assertThatThrownBy(() -> VendorQuantities.count("nvidia.com/gpu", q(text))).hasMessage(message);
    }

    @ParameterizedTest(name = "{0} x {1} MiB = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            4096        | 1   | 4096
            0           | 1   | 0
            2147483647  | 1   | 2147483647
            1024        | 2   | 2048
            16          | 256 | 4096
            8388607     | 256 | 2147483392
            8           | 512 | 4096
            1k          | 0   | 1000
            """)
    void convertsVendorUnitsToMiB(String text, int unit, int mib) throws WireFormatException {
        assertThat(VendorQuantities.memoryMiB("vendor.example/mem", q(text), unit)).isEqualTo(mib);
    }

    @ParameterizedTest(name = "{0} x {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            16Gi       | 1   | 'quantity: nvidia.com/gpumem: looks like bytes, not MiB (at most 2147483647): "16Gi"'
            16.0Gi     | 1   | 'quantity: nvidia.com/gpumem: looks like bytes, not MiB (at most 2147483647): "16.0Gi"'
            1Gi        | 2   | 'quantity: nvidia.com/gpumem: looks like bytes, not units of 2 MiB (at most 1073741823): "1Gi"'
            8388608    | 256 | 'quantity: nvidia.com/gpumem: looks like bytes, not units of 256 MiB (at most 8388607): "8388608"'
            2147483648 | 1   | 'quantity: nvidia.com/gpumem: looks like bytes, not MiB (at most 2147483647): "2147483648"'
            -1         | 1   | 'quantity: nvidia.com/gpumem: must not be negative: "-1"'
            0.5        | 1   | 'quantity: nvidia.com/gpumem: not a whole number: "0.5"'
            """)
    void refusesMemoryOutsideHamisInt32Bound(String text, int unit, String message) {
        assertThatThrownBy(() -> VendorQuantities.memoryMiB("nvidia.com/gpumem", q(text), unit))
                .isInstanceOf(WireFormatException.class)
                .hasMessage(message);
    }

    @Test
    void refusesANegativeUnit() {
        assertThatThrownBy(() -> VendorQuantities.memoryMiB("m", q("1"), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsPercentages() throws WireFormatException {
        assertThat(VendorQuantities.percentage("nvidia.com/gpumem-percentage", q("0"))).isZero();
        assertThat(VendorQuantities.percentage("nvidia.com/gpumem-percentage", q("50"))).isEqualTo(50);
        assertThat(VendorQuantities.percentage("nvidia.com/gpumem-percentage", q("100"))).isEqualTo(100);
        assertThatThrownBy(() -> VendorQuantities.percentage("nvidia.com/gpumem-percentage", q("101")))
                .hasMessage("quantity: nvidia.com/gpumem-percentage: must be between 0 and 100: \"101\"");
        assertThatThrownBy(() -> VendorQuantities.percentage("nvidia.com/gpumem-percentage", q("-1")))
                .hasMessage("quantity: nvidia.com/gpumem-percentage: must be between 0 and 100: \"-1\"");
        assertThatThrownBy(() -> VendorQuantities.percentage("nvidia.com/gpumem-percentage", q("50.5")))
                .hasMessage("quantity: nvidia.com/gpumem-percentage: not a whole number: \"50.5\"");
    }
}
