package io.hami.deviceplugin.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.deviceplugin.devices.DeviceInventory.DeviceState;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.vendor.RegisterFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One device in each register format. */
class RegisterEncoderTest {
    static final RegistrationBuilder SHARING = new RegistrationBuilder(2, 1.0, 1.0, 0, "hami-core");
    static final List<DeviceState> ONE = List.of(new DeviceState(new PhysicalDevice(0, "D-0", "T", OptionalLong.of(1024),
            OptionalInt.of(1), true, Optional.of("0000:0a:00.0")), false));

    private static Optional<String> encode(RegisterFormat format) {
        return new RegisterEncoder(format, SHARING, VendorFields.NONE).encode(ONE);
    }

    @Test
    void eachFormatWritesItsCodecsForm() {
        assertThat(encode(RegisterFormat.JSON)).contains(
                "[{\"id\":\"D-0\",\"count\":2,\"devmem\":1024,\"devcore\":100,\"type\":\"T\",\"numa\":1,\"mode\":\"hami-core\"}]");
        assertThat(encode(RegisterFormat.LEGACY)).contains("D-0,2,1024,100,T,1,false,0,hami-core:");
        assertThat(encode(RegisterFormat.METAX_JSON)).contains("[{\"uuid\":\"D-0\",\"bdf\":\"0000:0a:00.0\",\"model\":\"T\","
                + "\"totalDevCount\":2,\"totalCompute\":100,\"totalVRam\":1024,\"availableDevCount\":2,"
                + "\"availableCompute\":100,\"availableVRam\":1024,\"numa\":1}]");
    }

    @Test
    void nodeCapacityAndNoDevicesWriteNothing() {
        assertThat(encode(RegisterFormat.NODE_CAPACITY)).isEmpty();
        assertThat(new RegisterEncoder(RegisterFormat.JSON, SHARING, VendorFields.NONE).encode(List.of())).isEmpty();
    }
}
