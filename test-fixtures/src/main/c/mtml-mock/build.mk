# The mock libmtml.so (heap-allocated opaque objects that a leak shows up in, machine from a JSON profile,
# faults per call) and, in mtml-old/, the same library without mtmlDeviceGetPciInfo.
MTML_MOCK := src/main/c/mtml-mock
MTML_MOCK_SRCS := $(addprefix $(MTML_MOCK)/,mtml_objects.c mtml_mock.c)
MTML_MOCK_DEPS := $(MTML_MOCK_SRCS) $(MTML_MOCK)/mtml_objects.h ../native-headers/include/hami/mtml.h $(MOCK_COMMON_LIB)

FIXTURES += $(OUT)/libmtml.so $(OUT)/mtml-old/libmtml.so

$(OUT)/libmtml.so: $(MTML_MOCK_DEPS) | $(OUT)
	$(CC) $(MOCK_LIB_FLAGS) -Wl,-soname,libmtml.so -o $@ $(MTML_MOCK_SRCS) $(MOCK_COMMON_LIB)

$(OUT)/mtml-old/libmtml.so: $(MTML_MOCK_DEPS)
	mkdir -p $(@D)
	$(CC) $(MOCK_LIB_FLAGS) -DMOCK_OLD_LIBRARY -Wl,-soname,libmtml.so -o $@ $(MTML_MOCK_SRCS) $(MOCK_COMMON_LIB)
