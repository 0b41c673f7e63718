import GongkaiContent

/// What a report says about how it was made, beyond the results: where its as-of day came from, and the
/// `--site` it was run with, so that the commands it prints run as they stand.
public struct ReportContext: Sendable, Hashable {
    /// Where the as-of day came from; nil when the caller does not say (the report then names no source).
    public var asOfSource: AsOf.Source?
    /// The site folder as given on the command line; `.` is the current folder and is left out of commands.
    public var site: String

    public init(asOfSource: AsOf.Source? = nil, site: String = ".") {
        self.asOfSource = asOfSource
        self.site = site
    }
}
