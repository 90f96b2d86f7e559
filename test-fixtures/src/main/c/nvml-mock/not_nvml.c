/* A shared library that is named like NVML but is not: opening it must fail with a clear error. */
__attribute__((visibility("default"))) int hami_not_nvml(void) {
    return 42;
}
