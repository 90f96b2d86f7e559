/* Typed, position-aware reads of profile members (profile_read.c), shared by the profile loader. */
#ifndef NVML_MOCK_PROFILE_READ_H
#define NVML_MOCK_PROFILE_READ_H

#include "json.h"
#include "mock.h"

typedef struct {
    char *err;
    size_t errlen;
    char where[96]; /* the path of the object being read, e.g. "devices[3]" */
} pf_ctx;

/* Writes "<where>.<key> (line L, column C): <message>" into the context's error; returns -1. */
int pf_bad(pf_ctx *c, const json_value *v, const char *key, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
int pf_only_keys(pf_ctx *c, const json_value *obj, const char *const *allowed);
/* present == NULL: the member is required; otherwise *present says whether it was given (null = absent). */
int pf_int(pf_ctx *c, const json_value *obj, const char *key, long long min, long long max, long long *out, int *present);
int pf_string(pf_ctx *c, const json_value *obj, const char *key, char *dst, size_t cap, int *present);
int pf_bool(pf_ctx *c, const json_value *obj, const char *key, int *out);
const json_value *pf_container(pf_ctx *c, const json_value *obj, const char *key, json_type type, int *failed);
int pf_faults(pf_ctx *c, const json_value *obj, nvmlReturn_t *faults);
int pf_pci(pf_ctx *c, const json_value *d, nvmlPciInfo_t *pci);
int pf_processes(pf_ctx *c, const json_value *d, struct nvmlDevice_st *dev);
int pf_pair(pf_ctx *c, const json_value *d, const char *key, const char *a, const char *b, long long max,
            long long *x, long long *y, int *present);

#endif
