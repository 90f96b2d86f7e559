# The mock libmxsml.so, with mxSmlGetDeviceCount in the form MetaX's bindings call (the count is the return
# value); in mxsml-status-count/, the form one port declares (a status and an out-parameter); in mxsml-old/,
# without mxSmlGetDeviceUnavailableReason.
MXSML_MOCK := src/main/c/mxsml-mock
MXSML_MOCK_DEPS := $(MXSML_MOCK)/mxsml_mock.c ../native-headers/include/hami/mxsml.h $(MOCK_COMMON_LIB)
MXSML_MOCK_FLAGS := $(MOCK_LIB_FLAGS) -Wl,-soname,libmxsml.so

FIXTURES += $(OUT)/libmxsml.so $(OUT)/mxsml-status-count/libmxsml.so $(OUT)/mxsml-old/libmxsml.so

$(OUT)/libmxsml.so: $(MXSML_MOCK_DEPS) | $(OUT)
	$(CC) $(MXSML_MOCK_FLAGS) -o $@ $(MXSML_MOCK)/mxsml_mock.c $(MOCK_COMMON_LIB)

$(OUT)/mxsml-status-count/libmxsml.so: $(MXSML_MOCK_DEPS)
	mkdir -p $(@D)
	$(CC) $(MXSML_MOCK_FLAGS) -DMXSML_DEVICE_COUNT_BY_STATUS -o $@ $(MXSML_MOCK)/mxsml_mock.c $(MOCK_COMMON_LIB)

$(OUT)/mxsml-old/libmxsml.so: $(MXSML_MOCK_DEPS)
	mkdir -p $(@D)
	$(CC) $(MXSML_MOCK_FLAGS) -DMOCK_OLD_LIBRARY -o $@ $(MXSML_MOCK)/mxsml_mock.c $(MOCK_COMMON_LIB)
