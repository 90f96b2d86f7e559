# The mock libmxsml.so, with mxSmlGetDeviceCount in the form MetaX's bindings call (the count is the return
# value); in mxsml-status-count/, the form one port declares (a status and an out-parameter); in mxsml-old/,
# without mxSmlGetDeviceUnavailableReason.
MXSML_MOCK_SRCS := src/main/c/mxsml-mock/mxsml_mock.c
MXSML_MOCK_DEPS := ../native-headers/include/hami/mxsml.h

$(eval $(call mock_library,$(OUT)/libmxsml.so,libmxsml.so,$(MXSML_MOCK_SRCS),$(MXSML_MOCK_DEPS),))
$(eval $(call mock_library,$(OUT)/mxsml-status-count/libmxsml.so,libmxsml.so,$(MXSML_MOCK_SRCS),$(MXSML_MOCK_DEPS),-DMXSML_DEVICE_COUNT_BY_STATUS))
$(eval $(call mock_library,$(OUT)/mxsml-old/libmxsml.so,libmxsml.so,$(MXSML_MOCK_SRCS),$(MXSML_MOCK_DEPS),-DMOCK_OLD_LIBRARY))
