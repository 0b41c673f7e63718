import GongkaiTestSupport

/// The CLI tests' name for the shared runner of the real binary (Tests/GongkaiTestSupport/Binary.swift).
typealias CLI = Gongkai
