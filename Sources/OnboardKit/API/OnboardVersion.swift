import CLibXML2
import CZlib

/// The tool's version, with the versions of the C libraries it is linked against.
public enum OnboardVersion {
  public static let number = "0.1.0"
  public static var text: String {
    "\(number) (zlib \(String(cString: zlibVersion())), libxml2 \(LIBXML_DOTTED_VERSION))"
  }
}
