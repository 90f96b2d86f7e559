/* Typed reads of profile members, shared by every mock: each failure names the member's path and position. */
#include "profile_read.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pf_bad(pf_ctx *c, const json_value *v, const char *key, const char *fmt, ...) {
    int n = snprintf(c->err, c->errlen, "%s%s%s (line %d, column %d): ", c->where,
                     c->where[0] && key ? "." : "", key ? key : "", v->line, v->column);
    if (n >= 0 && (size_t)n < c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int listed(const char *const *names, const char *key) {
    for (const char *const *n = names; n != NULL && *n != NULL; n++) {
        if (strcmp(*n, key) == 0) {
            return 1;
        }
    }
    return 0;
}

int pf_only_keys2(pf_ctx *c, const json_value *obj, const char *const *allowed, const char *const *more) {
    for (const json_value *m = obj->child; m != NULL; m = m->next) {
        if (!listed(allowed, m->key) && !listed(more, m->key)) {
            return pf_bad(c, m, NULL, "unknown member \"%s\"", m->key);
        }
    }
    return 0;
}

int pf_only_keys(pf_ctx *c, const json_value *obj, const char *const *allowed) {
    return pf_only_keys2(c, obj, allowed, NULL);
}

/* The member key: *v set when present; 0, or -1 with the error when a required one (present NULL) is missing. */
static int lookup(pf_ctx *c, const json_value *obj, const char *key, int *present, const json_value **v) {
    *v = json_member(obj, key);
    if (present != NULL) {
        *present = *v != NULL && (*v)->type != JSON_NULL;
        if (!*present) {
            *v = NULL;
        }
        return 0;
    }
    return *v == NULL ? pf_bad(c, obj, key, "required member is missing") : 0;
}

/* An integer member in [min, max]; also accepts a "0x..." string, for PCI ids. *present may be NULL
 * for a required member. */
int pf_int(pf_ctx *c, const json_value *obj, const char *key, long long min, long long max,
                   long long *out, int *present) {
    const json_value *v;
    if (lookup(c, obj, key, present, &v) != 0 || v == NULL) {
        return v == NULL && present != NULL ? 0 : -1;
    }
    if (v->type == JSON_STRING && strncmp(v->string, "0x", 2) == 0 && v->string[2] != '\0') {
        char *end;
        unsigned long long x = strtoull(v->string + 2, &end, 16);
        if (*end != '\0' || x > (unsigned long long)max) {
            return pf_bad(c, v, key, "\"%s\" is not a hex number up to 0x%llX", v->string, (unsigned long long)max);
        }
        *out = (long long)x;
        return 0;
    }
    if (v->type != JSON_NUMBER || !v->is_integer) {
        return pf_bad(c, v, key, "expected an integer, found %s", json_type_name(v->type));
    }
    if (v->integer < min || v->integer > max) {
        return pf_bad(c, v, key, "%lld is outside [%lld, %lld]", v->integer, min, max);
    }
    *out = v->integer;
    return 0;
}

int pf_string(pf_ctx *c, const json_value *obj, const char *key, char *dst, size_t cap, int *present) {
    const json_value *v;
    if (lookup(c, obj, key, present, &v) != 0 || v == NULL) {
        return v == NULL && present != NULL ? 0 : -1;
    }
    if (v->type != JSON_STRING) {
        return pf_bad(c, v, key, "expected a string, found %s", json_type_name(v->type));
    }
    if (strlen(v->string) >= cap) {
        return pf_bad(c, v, key, "longer than %zu bytes", cap - 1);
    }
    strcpy(dst, v->string);
    return 0;
}

const json_value *pf_container(pf_ctx *c, const json_value *obj, const char *key, json_type type, int *failed) {
    const json_value *v = json_member(obj, key);
    *failed = 0;
    if (v != NULL && v->type != type && v->type != JSON_NULL) {
        *failed = pf_bad(c, v, key, "expected %s, found %s", json_type_name(type), json_type_name(v->type));
        return NULL;
    }
    return v != NULL && v->type == type ? v : NULL;
}

/* "faults": {"<function>": "<STATUS NAME>" or a non-zero code}, for the functions api names. */
int pf_faults(pf_ctx *c, const json_value *obj, const mock_api *api, int *faults) {
    int failed;
    const json_value *f = pf_container(c, obj, "faults", JSON_OBJECT, &failed);
    for (const json_value *m = f != NULL ? f->child : NULL; m != NULL; m = m->next) {
        int fn = -1;
        for (int i = 0; i < api->function_count && fn < 0; i++) {
            fn = strcmp(api->functions[i], m->key) == 0 ? i : -1;
        }
        if (fn < 0) {
            return pf_bad(c, m, "faults", "\"%s\" is not a function this mock exports", m->key);
        }
        int status;
        if (m->type == JSON_STRING && mock_status_from_name(api, m->string, &status) == 0) {
            faults[fn] = status;
        } else if (m->type == JSON_NUMBER && m->is_integer && m->integer != 0 && m->integer >= INT32_MIN
                   && m->integer <= INT32_MAX) {
            faults[fn] = (int)m->integer;
        } else {
            return pf_bad(c, m, "faults", "\"%s\" needs an error status name (\"%s\") or a non-zero code", m->key,
                          api->statuses[0].name);
        }
    }
    return failed;
}

int mock_status_from_name(const mock_api *api, const char *name, int *out) {
    for (size_t i = 0; i < api->status_count; i++) {
        if (strcmp(api->statuses[i].name, name) == 0) {
            *out = api->statuses[i].code;
            return 0;
        }
    }
    return -1;
}

const json_value *pf_list(pf_ctx *c, const json_value *obj, const char *key, size_t max, int required, int *failed) {
    const json_value *list = pf_container(c, obj, key, JSON_ARRAY, failed);
    if (*failed) {
        return NULL;
    }
    if (list == NULL && required) {
        *failed = pf_bad(c, obj, key, "required member is missing");
    } else if (list != NULL && list->length > max) {
        *failed = pf_bad(c, list, key, "more than %zu entries", max);
        list = NULL;
    }
    return list;
}

/* Members with two small integers: {"gpu": 3, "memory": 1}, {"current": 1, "pending": 1}, ... */
int pf_pair(pf_ctx *c, const json_value *d, const char *key, const char *a, const char *b,
                    long long max, long long *x, long long *y, int *present) {
    int failed;
    const json_value *o = pf_container(c, d, key, JSON_OBJECT, &failed);
    *present = o != NULL;
    if (failed || o == NULL) {
        return failed;
    }
    const char *const keys[] = {a, b, NULL};
    size_t n = strlen(c->where);
    snprintf(c->where + n, sizeof c->where - n, ".%s", key);
    int rc = pf_only_keys(c, o, keys) != 0 || pf_int(c, o, a, 0, max, x, NULL) != 0 || pf_int(c, o, b, 0, max, y, NULL) != 0;
    c->where[n] = '\0';
    return rc ? -1 : 0;
}

int pf_bool(pf_ctx *c, const json_value *obj, const char *key, int *out) {
    const json_value *v = json_member(obj, key);
    if (v == NULL || v->type == JSON_NULL) {
        *out = 0;
        return 0;
    }
    if (v->type != JSON_TRUE && v->type != JSON_FALSE) {
        return pf_bad(c, v, key, "expected true or false, found %s", json_type_name(v->type));
    }
    *out = v->type == JSON_TRUE;
    return 0;
}
