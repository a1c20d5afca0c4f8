// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "onboard",
  products: [
    .library(name: "OnboardKit", targets: ["OnboardKit"]),
    .executable(name: "onboard", targets: ["onboard"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    // System libraries from Debian: zlib1g-dev (gzip input) and libxml2-dev (XML input).
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .target(
      name: "OnboardKit",
      dependencies: [
        "CZlib", "CLibXML2", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .executableTarget(
      name: "onboard",
      dependencies: ["OnboardKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    .testTarget(
      name: "OnboardKitTests",
      dependencies: ["OnboardKit"],
      exclude: ["Fixtures"]
    ),
  ]
)
