# The mock libnvidia-ml.so.1 (machine from a JSON profile, fault injection, XID queue), its variant
# without the _v2/_v3 symbols of older drivers, a library that only looks like NVML, and the C timing
# harness of the NVML call benchmark.
NVML_MOCK := src/main/c/nvml-mock
NVML_MOCK_SRCS := $(addprefix $(NVML_MOCK)/,nvml_profile_parts.c profile.c nvml_system.c nvml_device.c nvml_topology.c nvml_events.c nvml_mig_tables.c nvml_mig.c)
NVML_MOCK_DEPS := $(wildcard $(NVML_MOCK)/*.h) ../native-headers/include/hami/nvml.h

FIXTURES += $(OUT)/not-nvml/libnvidia-ml.so.1 $(OUT)/libnvml-bench.so $(OUT)/nvml-bench

$(eval $(call mock_library,$(OUT)/libnvidia-ml.so.1,libnvidia-ml.so.1,$(NVML_MOCK_SRCS),$(NVML_MOCK_DEPS),))
$(eval $(call mock_library,$(OUT)/nvml-nov2/libnvidia-ml.so.1,libnvidia-ml.so.1,$(NVML_MOCK_SRCS),$(NVML_MOCK_DEPS),-DMOCK_NO_VERSIONED_SYMBOLS))

# Iluvatar's libixml.so: the same machine under NVML's names, less the NVML_ONLY ones, plus ixml*; in
# ixml-old/, without ixmlDeviceGetHealth as well.
IXML_MOCK_SRCS := $(NVML_MOCK_SRCS) $(NVML_MOCK)/ixml_extras.c
IXML_MOCK_DEPS := $(NVML_MOCK_DEPS) ../native-headers/include/hami/ixml.h

$(eval $(call mock_library,$(OUT)/libixml.so,libixml.so,$(IXML_MOCK_SRCS),$(IXML_MOCK_DEPS),-DMOCK_IXML))
$(eval $(call mock_library,$(OUT)/ixml-old/libixml.so,libixml.so,$(IXML_MOCK_SRCS),$(IXML_MOCK_DEPS),-DMOCK_IXML -DMOCK_OLD_LIBRARY))

$(OUT)/not-nvml/libnvidia-ml.so.1: $(NVML_MOCK)/not_nvml.c
	mkdir -p $(@D)
	$(CC) $(CFLAGS) -fvisibility=hidden -shared -Wl,-soname,libnvidia-ml.so.1 -o $@ $<

$(OUT)/libnvml-bench.so: $(NVML_MOCK)/bench_loop.c $(OUT)/libnvidia-ml.so.1
	$(CC) $(CFLAGS) -fvisibility=hidden $(INCLUDES) -shared -o $@ $< -L$(OUT) -l:libnvidia-ml.so.1 -Wl,-rpath,'$$ORIGIN'

$(OUT)/nvml-bench: $(NVML_MOCK)/bench_main.c $(OUT)/libnvml-bench.so
	$(CC) $(CFLAGS) $(INCLUDES) -o $@ $< -L$(OUT) -lnvml-bench -l:libnvidia-ml.so.1 -Wl,-rpath,'$$ORIGIN'
