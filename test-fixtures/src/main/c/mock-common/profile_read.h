/*
 * Typed, position-aware reads of profile members (profile_read.c), shared by every mock's profile loader.
 * Strict, so that a typo in a profile is an error naming the member and its position, never a silently
 * different machine.
 */
#ifndef HAMI_MOCK_PROFILE_READ_H
#define HAMI_MOCK_PROFILE_READ_H

#include "json.h"

typedef struct {
    char *err;
    size_t errlen;
    char where[96]; /* the path of the object being read, e.g. "devices[3]" */
} pf_ctx;

/* X-macro helpers: a mock lists its exported functions once, as LIST(X), and gets an enum of their ids
 * (typedef enum { LIST(MOCK_FN_ID) FN_COUNT } fn;) and their names ({LIST(MOCK_FN_NAME)}) from the list. */
#define MOCK_FN_ID(name) FN_##name,
#define MOCK_FN_NAME(name) #name,

/* A status of the mocked library, by the name profiles use ("GPU_IS_LOST", "INVALID_DEVICE_ID"). */
typedef struct {
    const char *name;
    int code;
} mock_status_name;

/* What a profile may name of a mocked library: its exported functions (for "faults") and its statuses. */
typedef struct {
    const char *const *functions;
    int function_count;
    const mock_status_name *statuses; /* statuses[0] is the example in messages */
    size_t status_count;
} mock_api;

/* Writes "<where>.<key> (line L, column C): <message>" into the context's error; returns -1. */
int pf_bad(pf_ctx *c, const json_value *v, const char *key, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
int pf_only_keys(pf_ctx *c, const json_value *obj, const char *const *allowed);
/* Like pf_only_keys, for members allowed by either list (shared members and a vendor's own). */
int pf_only_keys2(pf_ctx *c, const json_value *obj, const char *const *allowed, const char *const *more);
/* present == NULL: the member is required; otherwise *present says whether it was given (null = absent). */
int pf_int(pf_ctx *c, const json_value *obj, const char *key, long long min, long long max, long long *out, int *present);
int pf_string(pf_ctx *c, const json_value *obj, const char *key, char *dst, size_t cap, int *present);
int pf_bool(pf_ctx *c, const json_value *obj, const char *key, int *out);
const json_value *pf_container(pf_ctx *c, const json_value *obj, const char *key, json_type type, int *failed);
/* "faults": function name -> status name or non-zero code; faults has api->function_count entries. */
int pf_faults(pf_ctx *c, const json_value *obj, const mock_api *api, int *faults);
int mock_status_from_name(const mock_api *api, const char *name, int *out);
/* An array member of at most max entries: NULL when absent (an error when required) or when failed. */
const json_value *pf_list(pf_ctx *c, const json_value *obj, const char *key, size_t max, int required, int *failed);
int pf_pair(pf_ctx *c, const json_value *d, const char *key, const char *a, const char *b, long long max,
            long long *x, long long *y, int *present);

#endif
