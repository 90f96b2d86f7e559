# The mock libcndev.so (machine from a JSON profile, faults per call, struct-version checks) and, in
# cndev-old/, the same library without cndevGetMemoryUsageV2, as an older CNDEV would lack a newer call.
CNDEV_MOCK := src/main/c/cndev-mock
CNDEV_MOCK_SRCS := $(addprefix $(CNDEV_MOCK)/,cndev_profile.c cndev_mock.c)
CNDEV_MOCK_DEPS := $(CNDEV_MOCK)/cndev_mock.h ../native-headers/include/hami/cndev.h

$(eval $(call mock_library,$(OUT)/libcndev.so,libcndev.so,$(CNDEV_MOCK_SRCS),$(CNDEV_MOCK_DEPS),))
$(eval $(call mock_library,$(OUT)/cndev-old/libcndev.so,libcndev.so,$(CNDEV_MOCK_SRCS),$(CNDEV_MOCK_DEPS),-DMOCK_OLD_LIBRARY))
