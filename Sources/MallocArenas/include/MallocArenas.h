#ifndef ACCORD_MALLOC_ARENAS_H
#define ACCORD_MALLOC_ARENAS_H

/// Caps the number of glibc malloc arenas (mallopt M_ARENA_MAX) unless the
/// MALLOC_ARENA_MAX environment variable sets it; does nothing elsewhere.
/// C because <malloc.h> is not part of Swift's Glibc module.
void accord_cap_malloc_arenas(int arenas);

#endif
