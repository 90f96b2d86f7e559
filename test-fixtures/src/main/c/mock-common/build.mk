# The code every mock library shares (mock_runtime.h, profile_read.h, json.h), built once as a static
# archive of position-independent, hidden-visibility objects that each mock links in. The top Makefile
# includes this fragment before the others, so their rules may name MOCK_COMMON_LIB as a prerequisite.
MOCK_COMMON := src/main/c/mock-common
MOCK_COMMON_SRCS := $(addprefix $(MOCK_COMMON)/,json.c profile_read.c mock_runtime.c mock_device.c)
MOCK_COMMON_OBJS := $(patsubst $(MOCK_COMMON)/%.c,$(OUT)/mock-common/%.o,$(MOCK_COMMON_SRCS))
MOCK_COMMON_LIB := $(OUT)/mock-common/libmockcommon.a
MOCK_COMMON_INCLUDES := -I$(MOCK_COMMON)
# Flags of a mock library: hidden by default (only MOCK_EXPORT names are exported), the soname set per mock.
MOCK_LIB_FLAGS := $(CFLAGS) -fvisibility=hidden $(INCLUDES) $(MOCK_COMMON_INCLUDES) -shared -pthread \
	-Wl,-Bsymbolic -Wl,--no-undefined

$(OUT)/mock-common/%.o: $(MOCK_COMMON)/%.c $(wildcard $(MOCK_COMMON)/*.h) $(wildcard ../native-headers/include/hami/*.h)
	mkdir -p $(@D)
	$(CC) $(CFLAGS) -fvisibility=hidden $(INCLUDES) $(MOCK_COMMON_INCLUDES) -pthread -c -o $@ $<

$(MOCK_COMMON_LIB): $(MOCK_COMMON_OBJS)
	rm -f $@
	ar rcs $@ $^

# $(call mock_library,OUTPUT,SONAME,SOURCES,PREREQUISITES,EXTRA_FLAGS): one mock library, from its sources and
# the shared archive, under the soname of the vendor's library; added to FIXTURES. Every mock and each of its
# variants (a library without a newer call, another form of a call) is one call of this.
define mock_library
FIXTURES += $(1)
$(1): $(3) $(4) $(MOCK_COMMON_LIB)
	mkdir -p $$(@D)
	$$(CC) $$(MOCK_LIB_FLAGS) $(5) -Wl,-soname,$(2) -o $$@ $(3) $$(MOCK_COMMON_LIB)
endef
