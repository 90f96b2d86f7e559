# region-writer: creates HAMi-core region files of any layout and acts on them as HAMi-core processes do.
REGION_WRITER_SRC := $(wildcard src/main/c/region-writer/*.c)
REGION_WRITER_DEPS := $(REGION_WRITER_SRC) $(wildcard src/main/c/region-writer/*.h) \
	../native-headers/include/hami/hamicore_region.h
FIXTURES += $(OUT)/region-writer $(OUT)/region-writer-static

$(OUT)/region-writer: $(REGION_WRITER_DEPS) | $(OUT)
	$(CC) $(CFLAGS) $(INCLUDES) -Isrc/main/c/region-writer -pthread -o $@ $(REGION_WRITER_SRC)

# The same, linked statically: the process of the demo's runc containers, whose busybox root has no C library.
$(OUT)/region-writer-static: $(REGION_WRITER_DEPS) | $(OUT)
	$(CC) $(CFLAGS) $(INCLUDES) -Isrc/main/c/region-writer -pthread -static -o $@ $(REGION_WRITER_SRC)
