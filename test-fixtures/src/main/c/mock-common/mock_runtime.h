/*
 * The life of every mock library, written once: the machine profile comes from a control call made in-process
 * (a JVM cannot set its own environment) or else from the file named by the mock's environment variable; it is
 * read at the init that finds the library uninitialized; inits are counted; the last profile error is kept for
 * the control functions. Each mock declares one mock_runtime and exports its control functions with
 * MOCK_CONTROL_EXPORTS.
 */
#ifndef HAMI_MOCK_RUNTIME_H
#define HAMI_MOCK_RUNTIME_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#define MOCK_ERROR_SIZE 512
#define MOCK_EXPORT __attribute__((visibility("default")))

/* What mock_rt_init answers besides 0 and an injected init fault. */
#define MOCK_NO_PROFILE (-100001)
#define MOCK_BAD_PROFILE (-100002)

/* What the control functions answer; the numbers are NVML's, kept by every mock so tests read them alike. */
#define MOCK_CTL_OK 0
#define MOCK_CTL_INVALID 2
#define MOCK_CTL_IN_USE 19
#define MOCK_CTL_NO_MEMORY 20

/* Fills the machine from profile text; on failure returns -1 with a message in err. */
typedef int (*mock_loader)(const char *text, size_t len, void *machine, char *err, size_t errlen);

typedef struct {
    const char *tag;    /* the prefix of messages: "cndev-mock" */
    const char *env;    /* the variable naming the profile file: "CNDEV_MOCK_PROFILE" */
    mock_loader load;
    void *machine;      /* the live machine, valid while refcount > 0 */
    void *scratch;      /* as large as machine: where an in-process profile is checked */
    atomic_int refcount;
    pthread_mutex_t lock;
    int once;           /* a library without a shutdown (DCMI): its init counts once, see mock_rt_init */
    int pending;        /* such a library has a new profile to load at its next init */
    void (*on_load)(void); /* resets the mock's own state when a machine is loaded (lock held); may be NULL */
    int generation;     /* counts the profiles chosen in-process, so that on_load can tell a new one from a reload */
    char *override;     /* owned copy of the text given in-process */
    char last_error[MOCK_ERROR_SIZE];
} mock_runtime;

#define MOCK_RUNTIME(tag_, env_, load_, machine_, scratch_) \
    {.tag = (tag_), .env = (env_), .load = (load_), .machine = (machine_), .scratch = (scratch_), \
     .lock = PTHREAD_MUTEX_INITIALIZER}

/*
 * Counts one init. At the first, loads the machine; then answers faults[fn], the status the profile injects
 * into this init function (faults points into the live machine; NULL for none). Returns 0, MOCK_NO_PROFILE,
 * MOCK_BAD_PROFILE or that status; only 0 counts.
 *
 * A library without a shutdown (once = 1) counts its first init only; a profile chosen in-process while it
 * is initialized is loaded at its next init, and an init that fails leaves it uninitialized.
 */
int mock_rt_init(mock_runtime *rt, const int *faults, int fn);
/* Uncounts one init; calls on_last (may be NULL) under the lock when it was the last. -1 when not initialized. */
int mock_rt_shutdown(mock_runtime *rt, void (*on_last)(void));
int mock_rt_initialized(mock_runtime *rt);
/* Runs fn under the runtime's lock. */
void mock_rt_locked(mock_runtime *rt, void (*fn)(void *), void *arg);

int mock_rt_use_profile(mock_runtime *rt, const char *json);
int mock_rt_last_error(mock_runtime *rt, char *buf, unsigned int length);

/* The control functions of a mock: <prefix>UseProfile, <prefix>LastError, <prefix>InitCount. */
#define MOCK_CONTROL_EXPORTS(prefix, rt) MOCK_CONTROL_EXPORTS_(prefix, rt)
#define MOCK_CONTROL_EXPORTS_(prefix, rt) \
    MOCK_EXPORT int prefix##UseProfile(const char *json) { return mock_rt_use_profile(&(rt), json); } \
    MOCK_EXPORT int prefix##LastError(char *buf, unsigned int length) { return mock_rt_last_error(&(rt), buf, length); } \
    MOCK_EXPORT int prefix##InitCount(void) { return atomic_load(&(rt).refcount); }

#endif
