/*
 * The mock libmtml.so's opaque objects: every Init* allocates one on the heap and registers it, every Free*
 * (and mtmlLibraryShutDown, for the library object) unregisters and frees it, so that a binding that forgets a
 * Free* shows up in hamiMockMtmlLiveObjects(). A pointer the registry does not hold, or holds as another kind,
 * is an invalid argument.
 */
#ifndef MTML_MOCK_OBJECTS_H
#define MTML_MOCK_OBJECTS_H

typedef enum { MTML_OBJ_LIBRARY = 1, MTML_OBJ_DEVICE, MTML_OBJ_MEMORY, MTML_OBJ_GPU } mtml_obj_kind;

/* A new object of kind for device index (unused for the library); NULL when out of memory or room. */
void *mtml_obj_new(mtml_obj_kind kind, unsigned int index);
/* Whether p is a live object of kind; if so *index is its device's index. */
int mtml_obj_valid(const void *p, mtml_obj_kind kind, unsigned int *index);
/* Frees a live object of kind: 0, or -1 when p is not one. */
int mtml_obj_free(void *p, mtml_obj_kind kind);
int mtml_obj_live(void);

#endif
