// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "gongkai",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gongkai", targets: ["gongkai"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox.git", exact: "0.27.1"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev), found through pkg-config.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libqrencode from the system (Debian: libqrencode-dev), for QR codes on printed notices.
        .systemLibrary(
            name: "CQrencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .target(name: "GongkaiQR", dependencies: ["CQrencode", "GongkaiEscape"]),
        // gperftools' tcmalloc from the system (Debian: libgoogle-perftools-dev): its malloc replaces glibc's
        // in every process that links GongkaiSite (bench/README.md says what it measured).
        .systemLibrary(
            name: "CTCMalloc",
            pkgConfig: "libtcmalloc_minimal",
            providers: [.apt(["libgoogle-perftools-dev"])]
        ),
        // `gongkai --version`: before every build, scripts/build-info writes the version (from VERSION only)
        // and the commit (from git, else the COMMIT file `git archive` fills in) into this target.
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        .target(name: "GongkaiBuildInfo", plugins: ["BuildInfoPlugin"]),
        .target(
            name: "GongkaiContent",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // HTML and XML escaping: the one place that knows how markup's reserved characters are written.
        .target(name: "GongkaiEscape"),
        .target(name: "GongkaiMarkdown", dependencies: ["CCmark", "GongkaiEscape"]),
        // Mustache templates compiled once into flat programs and rendered into UTF-8 bytes.
        .target(name: "GongkaiTemplate", dependencies: ["GongkaiEscape"]),
        .target(name: "GongkaiDisclosure", dependencies: ["GongkaiContent", "GongkaiEscape"]),
        .target(
            name: "GongkaiSite",
            dependencies: [
                "GongkaiContent", "GongkaiEscape", "GongkaiMarkdown", "GongkaiDisclosure", "GongkaiQR", "GongkaiTemplate",
                "CTCMalloc",
            ]
        ),
        // `gongkai serve`: HTTP preview server, file watcher and live reload.
        .target(
            name: "GongkaiServe",
            dependencies: [
                "GongkaiContent", "GongkaiSite",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "gongkai",
            dependencies: [
                "GongkaiContent", "GongkaiMarkdown", "GongkaiSite", "GongkaiDisclosure", "GongkaiServe", "GongkaiBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers every test target shares: running the real binary, temporary sites on disk.
        .target(name: "GongkaiTestSupport", path: "Tests/GongkaiTestSupport"),
        .testTarget(name: "GongkaiEscapeTests", dependencies: ["GongkaiEscape"]),
        .testTarget(name: "GongkaiContentTests", dependencies: ["GongkaiContent", "GongkaiTestSupport"]),
        .testTarget(name: "GongkaiMarkdownTests", dependencies: ["GongkaiMarkdown", "GongkaiTestSupport"]),
        .testTarget(name: "GongkaiQRTests", dependencies: ["GongkaiQR"]),
        .testTarget(name: "GongkaiTemplateTests", dependencies: ["GongkaiTemplate"]),
        .testTarget(
            name: "GongkaiDisclosureTests",
            dependencies: ["GongkaiDisclosure", "GongkaiContent", "GongkaiEscape", "GongkaiTestSupport"]
        ),
        .testTarget(
            name: "GongkaiSiteTests", dependencies: ["GongkaiSite", "GongkaiContent", "GongkaiEscape", "GongkaiTestSupport"]),
        .testTarget(name: "GongkaiCLITests", dependencies: ["GongkaiTestSupport"]),
        .testTarget(
            name: "GongkaiServeTests",
            dependencies: ["GongkaiServe", "GongkaiContent", "GongkaiTestSupport"]
        ),
        // Issue 5: broken sites (Tests/Fixtures/broken), hostile content, pathological Markdown, killed
        // builds, unwritable output, fuzzing. Runs the real binary; FUZZ_ITERATIONS=… for long fuzz runs.
        .testTarget(
            name: "GongkaiRobustnessTests",
            dependencies: ["GongkaiContent", "GongkaiSite", "GongkaiMarkdown", "GongkaiTestSupport"]
        ),
    ],
    // Every target in the Swift 6 language mode: complete concurrency checking.
    swiftLanguageModes: [.v6]
)
