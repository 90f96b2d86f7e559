/*
 * Layout probes: each probe program prints one line per struct and per bound member, which the
 * bindings' layout tests compare with the Java StructLayouts.
 *
 *   struct <type> <sizeof> <alignof>
 *   member <type> <member> <offsetof> <sizeof>
 *   const <name> <value>
 *
 * Types are probed by their typedef names (no spaces). Member names are the C names; the Java
 * layouts name their members the same way.
 */
#ifndef HAMI_PROBE_H
#define HAMI_PROBE_H

#include <stddef.h>
#include <stdio.h>

#define PROBE_STRUCT(T) \
    printf("struct %s %zu %zu\n", #T, sizeof(T), _Alignof(T))

#define PROBE_MEMBER(T, m) \
    printf("member %s %s %zu %zu\n", #T, #m, offsetof(T, m), sizeof(((T *)0)->m))

#define PROBE_CONST(name) \
    printf("const %s %lld\n", #name, (long long)(name))

#endif
