/* The registry of the mock's opaque objects (mtml_objects.h). */
#include "mtml_objects.h"

#include <pthread.h>
#include <stdlib.h>

#define MAX_OBJECTS 1024

typedef struct {
    mtml_obj_kind kind;
    unsigned int index;
} mtml_obj;

static mtml_obj *live[MAX_OBJECTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void *mtml_obj_new(mtml_obj_kind kind, unsigned int index) {
    mtml_obj *o = malloc(sizeof *o);
    if (o == NULL) {
        return NULL;
    }
    *o = (mtml_obj){kind, index};
    pthread_mutex_lock(&lock);
    int slot = -1;
    for (int i = 0; i < MAX_OBJECTS && slot < 0; i++) {
        slot = live[i] == NULL ? i : -1;
    }
    if (slot >= 0) {
        live[slot] = o;
    }
    pthread_mutex_unlock(&lock);
    if (slot < 0) {
        free(o);
        return NULL;
    }
    return o;
}

static int find(const void *p, mtml_obj_kind kind) {
    for (int i = 0; i < MAX_OBJECTS; i++) {
        if (p != NULL && live[i] == p && live[i]->kind == kind) {
            return i;
        }
    }
    return -1;
}

int mtml_obj_valid(const void *p, mtml_obj_kind kind, unsigned int *index) {
    pthread_mutex_lock(&lock);
    int i = find(p, kind);
    if (i >= 0 && index != NULL) {
        *index = live[i]->index;
    }
    pthread_mutex_unlock(&lock);
    return i >= 0;
}

int mtml_obj_free(void *p, mtml_obj_kind kind) {
    pthread_mutex_lock(&lock);
    int i = find(p, kind);
    if (i >= 0) {
        live[i] = NULL;
    }
    pthread_mutex_unlock(&lock);
    if (i < 0) {
        return -1;
    }
    free(p);
    return 0;
}

int mtml_obj_live(void) {
    pthread_mutex_lock(&lock);
    int n = 0;
    for (int i = 0; i < MAX_OBJECTS; i++) {
        n += live[i] != NULL;
    }
    pthread_mutex_unlock(&lock);
    return n;
}
