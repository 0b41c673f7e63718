import Foundation

/// How the process asks glibc's malloc to grow its heaps.
///
/// A thread's heap (each core's worker allocates from its own) is made usable a page at a time as it
/// grows: one `mprotect` call per page, ~8,500 in a `gongkai build` after a one-page edit of 10k pages,
/// ~5,000 in a full build. Padded (`M_TOP_PAD`), a new heap is made usable whole when it is made, and
/// the main heap grows in large steps: ~70 calls either way. The padding is address space, not memory:
/// a page counts in the process's memory once it is touched, as before, and where a build frees much
/// it gives the memory back explicitly (`PageGenerator.releaseFreedMemory`, which trims every heap).
public enum MallocSettings {
    /// Sets the padding, once, before the build's threads allocate (`gongkai`'s `main`). Nothing happens
    /// where the C library has no `mallopt` (it is glibc's).
    public static func apply() {
        guard let mallopt else { return }
        _ = mallopt(mTopPad, 64 << 20)
    }

    /// glibc's `M_TOP_PAD` (malloc.h).
    private static let mTopPad: Int32 = -2

    /// glibc's `mallopt`, which Swift's Glibc module does not declare: looked up at run time.
    private typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    private static let mallopt: Mallopt? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "mallopt") else { return nil }
        return unsafeBitCast(symbol, to: Mallopt.self)
    }()
}
