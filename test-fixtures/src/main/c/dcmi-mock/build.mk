# The mock libdcmi.so (machine from a JSON profile, chips by card/device and logic id, vNPU templates, fault
# events called back from a thread of the mock) and, in dcmi-old/, the same library without
# dcmi_get_device_pcie_info_v2, as an older driver would lack the _v2 call.
DCMI_MOCK := src/main/c/dcmi-mock
DCMI_MOCK_SRCS := $(addprefix $(DCMI_MOCK)/,dcmi_profile.c dcmi_mock.c dcmi_events.c)
DCMI_MOCK_DEPS := $(DCMI_MOCK_SRCS) $(DCMI_MOCK)/dcmi_mock.h ../native-headers/include/hami/dcmi.h $(MOCK_COMMON_LIB)

FIXTURES += $(OUT)/libdcmi.so $(OUT)/dcmi-old/libdcmi.so

$(OUT)/libdcmi.so: $(DCMI_MOCK_DEPS) | $(OUT)
	$(CC) $(MOCK_LIB_FLAGS) -Wl,-soname,libdcmi.so -o $@ $(DCMI_MOCK_SRCS) $(MOCK_COMMON_LIB)

$(OUT)/dcmi-old/libdcmi.so: $(DCMI_MOCK_DEPS)
	mkdir -p $(@D)
	$(CC) $(MOCK_LIB_FLAGS) -DMOCK_OLD_LIBRARY -Wl,-soname,libdcmi.so -o $@ $(DCMI_MOCK_SRCS) $(MOCK_COMMON_LIB)
