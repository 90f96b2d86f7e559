# The mock librocm_smi64.so.2 (machine from a JSON profile, faults per call, the node's process list) and the
# mock libhydmi.so.1 beside it (vDCUs; linked against the rocm_smi mock, found through $ORIGIN; its symbols
# versioned DMI_1). In hygon-old/, rocm_smi without rsmi_dev_drm_render_minor_get and no hydmi at all.
HYGON_MOCK := src/main/c/hygon-mock
HYGON_RSMI_SRCS := $(addprefix $(HYGON_MOCK)/,hygon_profile.c rsmi_mock.c)
HYGON_MOCK_DEPS := $(HYGON_MOCK)/hygon_mock.h ../native-headers/include/hami/hygon_smi.h

$(eval $(call mock_library,$(OUT)/librocm_smi64.so.2,librocm_smi64.so.2,$(HYGON_RSMI_SRCS),$(HYGON_MOCK_DEPS),))
$(eval $(call mock_library,$(OUT)/hygon-old/librocm_smi64.so.2,librocm_smi64.so.2,$(HYGON_RSMI_SRCS),$(HYGON_MOCK_DEPS),-DMOCK_OLD_LIBRARY))
FIXTURES += $(OUT)/libhydmi.so.1

$(OUT)/libhydmi.so.1: $(HYGON_MOCK)/hydmi_mock.c $(HYGON_MOCK)/hydmi.map $(HYGON_MOCK_DEPS) $(OUT)/librocm_smi64.so.2
	$(CC) $(MOCK_LIB_FLAGS) -Wl,-soname,libhydmi.so.1 -Wl,--version-script,$(HYGON_MOCK)/hydmi.map -o $@ \
		$(HYGON_MOCK)/hydmi_mock.c -L$(OUT) -l:librocm_smi64.so.2 -Wl,-rpath,'$$ORIGIN'
