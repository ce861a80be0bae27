import MallocArenas

/// Caps glibc's malloc arenas at two for the process.
///
/// glibc gives a thread that allocates while another holds an arena an
/// arena of its own (up to eight per core), and each arena keeps its high
/// water mark. Receiving events decodes them on every core, and the server
/// builds pages on whichever thread serves the request, so each arena grew
/// to a page's worth of events: `accord clone` of 100,000 events peaked at
/// 151–153 MB and its server at 140–143 MB, against 130 MB and 95–129 MB
/// with two arenas, at the same speed (`accord-bench clone --events 100000`,
/// the baseline run with `MALLOC_ARENA_MAX=16`). One arena would serialise
/// the decoding threads' allocations. `MALLOC_ARENA_MAX` in the
/// environment, glibc's own setting, still wins.
enum MemoryArenas {
    static let limit: Int32 = 2

    static func cap() { accord_cap_malloc_arenas(limit) }
}
