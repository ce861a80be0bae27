#include "MallocArenas.h"
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>

void accord_cap_malloc_arenas(int arenas) {
    if (getenv("MALLOC_ARENA_MAX") == NULL) mallopt(M_ARENA_MAX, arenas);
}
#else
void accord_cap_malloc_arenas(int arenas) { (void)arenas; }
#endif
