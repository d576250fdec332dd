// swift-tools-version:6.1
// An example program of your own, traced by Weft: depends on the Weft package by path.
import PackageDescription

let package = Package(
    name: "hello-weft",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Weft", path: "../.."),
    ],
    targets: [
        .executableTarget(name: "hello-weft", dependencies: [
            .product(name: "WeftRuntime", package: "Weft"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
