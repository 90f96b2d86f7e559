# The mock libmtml.so (heap-allocated opaque objects that a leak shows up in, machine from a JSON profile,
# faults per call) and, in mtml-old/, the same library without mtmlDeviceGetPciInfo.
MTML_MOCK := src/main/c/mtml-mock
MTML_MOCK_SRCS := $(addprefix $(MTML_MOCK)/,mtml_objects.c mtml_mock.c)
MTML_MOCK_DEPS := $(MTML_MOCK)/mtml_objects.h ../native-headers/include/hami/mtml.h

$(eval $(call mock_library,$(OUT)/libmtml.so,libmtml.so,$(MTML_MOCK_SRCS),$(MTML_MOCK_DEPS),))
$(eval $(call mock_library,$(OUT)/mtml-old/libmtml.so,libmtml.so,$(MTML_MOCK_SRCS),$(MTML_MOCK_DEPS),-DMOCK_OLD_LIBRARY))
