# The mock libnvidia-ml.so.1 (machine from a JSON profile, fault injection, XID queue), its variant
# without the _v2/_v3 symbols of older drivers, a library that only looks like NVML, and the C timing
# harness of the NVML call benchmark.
NVML_MOCK := src/main/c/nvml-mock
NVML_MOCK_SRCS := $(addprefix $(NVML_MOCK)/,nvml_profile_parts.c profile.c nvml_system.c nvml_device.c nvml_events.c)
NVML_MOCK_DEPS := $(NVML_MOCK_SRCS) $(wildcard $(NVML_MOCK)/*.h) ../native-headers/include/hami/nvml.h $(MOCK_COMMON_LIB)
NVML_MOCK_FLAGS := $(MOCK_LIB_FLAGS) -Wl,-soname,libnvidia-ml.so.1

FIXTURES += $(OUT)/libnvidia-ml.so.1 $(OUT)/nvml-nov2/libnvidia-ml.so.1 $(OUT)/not-nvml/libnvidia-ml.so.1 \
	$(OUT)/libnvml-bench.so $(OUT)/nvml-bench

$(OUT)/libnvidia-ml.so.1: $(NVML_MOCK_DEPS) | $(OUT)
	$(CC) $(NVML_MOCK_FLAGS) -o $@ $(NVML_MOCK_SRCS) $(MOCK_COMMON_LIB)

$(OUT)/nvml-nov2/libnvidia-ml.so.1: $(NVML_MOCK_DEPS)
	mkdir -p $(@D)
	$(CC) $(NVML_MOCK_FLAGS) -DMOCK_NO_VERSIONED_SYMBOLS -o $@ $(NVML_MOCK_SRCS) $(MOCK_COMMON_LIB)

# Iluvatar's libixml.so: the same machine under NVML's names, less the NVML_ONLY ones, plus ixml*; in
# ixml-old/, without ixmlDeviceGetHealth as well.
IXML_MOCK_SRCS := $(NVML_MOCK_SRCS) $(NVML_MOCK)/ixml_extras.c
IXML_MOCK_FLAGS := $(MOCK_LIB_FLAGS) -DMOCK_IXML -Wl,-soname,libixml.so
FIXTURES += $(OUT)/libixml.so $(OUT)/ixml-old/libixml.so

$(OUT)/libixml.so: $(NVML_MOCK_DEPS) $(NVML_MOCK)/ixml_extras.c ../native-headers/include/hami/ixml.h | $(OUT)
	$(CC) $(IXML_MOCK_FLAGS) -o $@ $(IXML_MOCK_SRCS) $(MOCK_COMMON_LIB)

$(OUT)/ixml-old/libixml.so: $(NVML_MOCK_DEPS) $(NVML_MOCK)/ixml_extras.c ../native-headers/include/hami/ixml.h
	mkdir -p $(@D)
	$(CC) $(IXML_MOCK_FLAGS) -DMOCK_OLD_LIBRARY -o $@ $(IXML_MOCK_SRCS) $(MOCK_COMMON_LIB)

$(OUT)/not-nvml/libnvidia-ml.so.1: $(NVML_MOCK)/not_nvml.c
	mkdir -p $(@D)
	$(CC) $(CFLAGS) -fvisibility=hidden -shared -Wl,-soname,libnvidia-ml.so.1 -o $@ $<

$(OUT)/libnvml-bench.so: $(NVML_MOCK)/bench_loop.c $(OUT)/libnvidia-ml.so.1
	$(CC) $(CFLAGS) -fvisibility=hidden $(INCLUDES) -shared -o $@ $< -L$(OUT) -l:libnvidia-ml.so.1 -Wl,-rpath,'$$ORIGIN'

$(OUT)/nvml-bench: $(NVML_MOCK)/bench_main.c $(OUT)/libnvml-bench.so
	$(CC) $(CFLAGS) $(INCLUDES) -o $@ $< -L$(OUT) -lnvml-bench -l:libnvidia-ml.so.1 -Wl,-rpath,'$$ORIGIN'
