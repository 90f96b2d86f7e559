# The mock libcnrt.so (machine from a JSON profile, faults per call and per device, a current device per thread)
# and, in cnrt-old/, the same library without cnrtGetDeviceProperties_V3, as CNRT 6.0 has only the unversioned call.
CNRT_MOCK := src/main/c/cnrt-mock
CNRT_MOCK_SRCS := $(CNRT_MOCK)/cnrt_mock.c
CNRT_MOCK_DEPS := ../native-headers/include/hami/cnrt.h

$(eval $(call mock_library,$(OUT)/libcnrt.so,libcnrt.so,$(CNRT_MOCK_SRCS),$(CNRT_MOCK_DEPS),))
$(eval $(call mock_library,$(OUT)/cnrt-old/libcnrt.so,libcnrt.so,$(CNRT_MOCK_SRCS),$(CNRT_MOCK_DEPS),-DMOCK_OLD_LIBRARY))
