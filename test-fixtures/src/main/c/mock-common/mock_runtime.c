/* The shared life cycle of the mocks (mock_runtime.h): profile source, counted inits, the last error. */
#include "mock_runtime.h"

#include "json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads at most JSON_MAX_TEXT + 1 bytes, so that a larger file is reported as too large. */
static char *read_file(const char *path, size_t *len, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return NULL;
    }
    char *buf = malloc(JSON_MAX_TEXT + 2);
    *len = buf != NULL ? fread(buf, 1, JSON_MAX_TEXT + 1, f) : 0;
    int failed = buf == NULL || ferror(f);
    fclose(f);
    if (failed) {
        snprintf(err, errlen, "cannot read");
        free(buf);
        return NULL;
    }
    return buf;
}

/* Loads the machine; on failure records and prints one line naming the profile. Lock held. */
static int load_machine(mock_runtime *rt) {
    char err[MOCK_ERROR_SIZE - 128];
    const char *source = "profile set in-process";
    int rc;
    if (rt->override != NULL) {
        rc = rt->load(rt->override, strlen(rt->override), rt->machine, err, sizeof err);
    } else {
        source = getenv(rt->env);
        if (source == NULL || source[0] == '\0') {
            snprintf(rt->last_error, sizeof rt->last_error, "%s: no machine profile: set %s to a JSON profile file",
                     rt->tag, rt->env);
            fprintf(stderr, "%s\n", rt->last_error);
            return MOCK_NO_PROFILE;
        }
        size_t len;
        char *text = read_file(source, &len, err, sizeof err);
        rc = text == NULL ? -1 : rt->load(text, len, rt->machine, err, sizeof err);
        free(text);
    }
    if (rc != 0) {
        snprintf(rt->last_error, sizeof rt->last_error, "%s: profile %s: %s", rt->tag, source, err);
        fprintf(stderr, "%s\n", rt->last_error);
        return MOCK_BAD_PROFILE;
    }
    if (rt->on_load != NULL) {
        rt->on_load();
    }
    return 0;
}

int mock_rt_init(mock_runtime *rt, const int *faults, int fn) {
    pthread_mutex_lock(&rt->lock);
    int count = atomic_load(&rt->refcount);
    int rc = count == 0 || rt->pending ? load_machine(rt) : 0;
    rt->pending = 0;
    if (rc == 0 && faults != NULL) {
        rc = faults[fn];
    }
    if (rc == 0 && !(rt->once && count > 0)) {
        atomic_fetch_add_explicit(&rt->refcount, 1, memory_order_release);
    } else if (rc != 0 && rt->once) {
        atomic_store(&rt->refcount, 0);
    }
    pthread_mutex_unlock(&rt->lock);
    return rc;
}

int mock_rt_shutdown(mock_runtime *rt, void (*on_last)(void)) {
    pthread_mutex_lock(&rt->lock);
    int rc = -1;
    if (atomic_load(&rt->refcount) > 0) {
        rc = 0;
        if (atomic_fetch_sub(&rt->refcount, 1) == 1 && on_last != NULL) {
            on_last();
        }
    }
    pthread_mutex_unlock(&rt->lock);
    return rc;
}

int mock_rt_initialized(mock_runtime *rt) {
    return atomic_load_explicit(&rt->refcount, memory_order_acquire) > 0;
}

void mock_rt_locked(mock_runtime *rt, void (*fn)(void *), void *arg) {
    pthread_mutex_lock(&rt->lock);
    fn(arg);
    pthread_mutex_unlock(&rt->lock);
}

int mock_rt_use_profile(mock_runtime *rt, const char *json) {
    pthread_mutex_lock(&rt->lock);
    int rc = MOCK_CTL_OK;
    if (atomic_load(&rt->refcount) > 0 && !rt->once) {
        snprintf(rt->last_error, sizeof rt->last_error, "%s: cannot change the profile while the library is initialized",
                 rt->tag);
        rc = MOCK_CTL_IN_USE;
    } else if (json == NULL) {
        free(rt->override);
        rt->override = NULL;
        rt->generation++;
    } else {
        char err[MOCK_ERROR_SIZE - 64];
        if (rt->load(json, strlen(json), rt->scratch, err, sizeof err) != 0) {
            snprintf(rt->last_error, sizeof rt->last_error, "%s: profile set in-process: %s", rt->tag, err);
            rc = MOCK_CTL_INVALID;
        } else {
            free(rt->override);
            rt->override = strdup(json);
            rc = rt->override != NULL ? MOCK_CTL_OK : MOCK_CTL_NO_MEMORY;
            rt->generation++;
            rt->pending = rt->once && atomic_load(&rt->refcount) > 0;
        }
    }
    pthread_mutex_unlock(&rt->lock);
    return rc;
}

int mock_rt_last_error(mock_runtime *rt, char *buf, unsigned int length) {
    if (buf == NULL || length == 0) {
        return MOCK_CTL_INVALID;
    }
    pthread_mutex_lock(&rt->lock);
    snprintf(buf, length, "%s", rt->last_error);
    pthread_mutex_unlock(&rt->lock);
    return MOCK_CTL_OK;
}
