# The mock libdcmi.so (machine from a JSON profile, chips by card/device and logic id, vNPU templates, fault
# events called back from a thread of the mock) and, in dcmi-old/, the same library without
# dcmi_get_device_pcie_info_v2, as an older driver would lack the _v2 call.
DCMI_MOCK := src/main/c/dcmi-mock
DCMI_MOCK_SRCS := $(addprefix $(DCMI_MOCK)/,dcmi_profile.c dcmi_mock.c dcmi_events.c)
DCMI_MOCK_DEPS := $(DCMI_MOCK)/dcmi_mock.h ../native-headers/include/hami/dcmi.h

$(eval $(call mock_library,$(OUT)/libdcmi.so,libdcmi.so,$(DCMI_MOCK_SRCS),$(DCMI_MOCK_DEPS),))
$(eval $(call mock_library,$(OUT)/dcmi-old/libdcmi.so,libdcmi.so,$(DCMI_MOCK_SRCS),$(DCMI_MOCK_DEPS),-DMOCK_OLD_LIBRARY))
