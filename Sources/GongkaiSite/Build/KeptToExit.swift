/// What a build held, kept to the end of the process instead of freed, when the process exits after
/// the build (`SiteBuilder.Options.endsProcess`: `gongkai build`). A build from the restored state holds
/// hundreds of thousands of small objects (the site's pages, the state's entries, the outputs' groups);
/// letting them go one by one took about 100 M instructions on the main thread after the output was in
/// place, for memory the process's exit gives back whole a moment later.
enum KeptToExit {
    static func keep(_ value: Any) { _ = Unmanaged.passRetained(Holder(value)) }

    private final class Holder {
        let value: Any
        init(_ value: Any) { self.value = value }
    }
}
