# The mock libcndev.so (machine from a JSON profile, faults per call, struct-version checks) and, in
# cndev-old/, the same library without cndevGetMemoryUsageV2, as an older CNDEV would lack a newer call.
CNDEV_MOCK := src/main/c/cndev-mock
CNDEV_MOCK_SRCS := $(addprefix $(CNDEV_MOCK)/,cndev_profile.c cndev_mock.c)
CNDEV_MOCK_DEPS := $(CNDEV_MOCK_SRCS) $(CNDEV_MOCK)/cndev_mock.h ../native-headers/include/hami/cndev.h $(MOCK_COMMON_LIB)

FIXTURES += $(OUT)/libcndev.so $(OUT)/cndev-old/libcndev.so

$(OUT)/libcndev.so: $(CNDEV_MOCK_DEPS) | $(OUT)
	$(CC) $(MOCK_LIB_FLAGS) -Wl,-soname,libcndev.so -o $@ $(CNDEV_MOCK_SRCS) $(MOCK_COMMON_LIB)

$(OUT)/cndev-old/libcndev.so: $(CNDEV_MOCK_DEPS)
	mkdir -p $(@D)
	$(CC) $(MOCK_LIB_FLAGS) -DMOCK_OLD_LIBRARY -Wl,-soname,libcndev.so -o $@ $(CNDEV_MOCK_SRCS) $(MOCK_COMMON_LIB)
