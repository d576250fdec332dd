import Foundation

/// How colours look with the common colour-vision deficiencies, and how far apart two colours look: the check that
/// keeps the legend's colours distinct for everyone.
///
/// Deficiencies are simulated with the matrices of Machado, Oliveira and Fernandes (2009) at full severity, applied
/// in linear RGB; distance is CIE76 ΔE in CIELAB (D65). A ΔE of about 2.3 is just noticeable; colours meant to be
/// told apart at a glance, in thin bars, need far more.
public enum ColorVision: String, Sendable, CaseIterable {
    case normal
    case deuteranopia
    case protanopia

    /// The smallest ΔE allowed between any two colour keys of the legend, and between any task colour and any state
    /// colour, under every vision.
    public static let minimumDistance = 15.0
    /// The smallest ΔE allowed, under every vision, between the states a lane draws side by side most often and a
    /// newcomer must tell apart at a glance: running, runnable, waiting for a pool thread to wake, blocked on a channel
    /// and blocked on a mutex (an orange beside a vermillion, a yellow beside an orange, a sky blue beside a blue were
    /// taken for one another at 17–25).
    public static let minimumNeighbourDistance = 30.0

    private var matrix: [[Double]] {
        switch self {
        case .normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
        case .protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
        case .deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
        }
    }

    /// `color` as seen with this vision, in CIELAB (L, a, b); alpha is ignored.
    public func lab(_ color: Color) -> (l: Double, a: Double, b: Double) {
        func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        let rgb = [linear(color.red), linear(color.green), linear(color.blue)]
        let m = matrix
        let seen = (0..<3).map { i in min(max(m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2], 0), 1) }
        let x = 0.4124 * seen[0] + 0.3576 * seen[1] + 0.1805 * seen[2]
        let y = 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2]
        let z = 0.0193 * seen[0] + 0.1192 * seen[1] + 0.9505 * seen[2]
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        let fx = f(x / 0.95047), fy = f(y), fz = f(z / 1.08883)
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))
    }

    /// `color` as seen with this vision in cylindrical CIELAB: lightness, chroma and hue angle (degrees, 0 ..< 360).
    public func lch(_ color: Color) -> (l: Double, c: Double, h: Double) {
        let v = lab(color)
        let angle = atan2(v.b, v.a) * 180 / .pi
        return (v.l, (v.a * v.a + v.b * v.b).squareRoot(), angle < 0 ? angle + 360 : angle)
    }

    /// The angle between two hues (degrees, 0 ... 180).
    public static func hueDifference(_ a: Double, _ b: Double) -> Double {
        let d = abs(a - b).truncatingRemainder(dividingBy: 360)
        return min(d, 360 - d)
    }

    /// How far apart two colours look with this vision (CIE76 ΔE).
    public func distance(_ p: Color, _ q: Color) -> Double {
        let a = lab(p), b = lab(q)
        return ((a.l - b.l) * (a.l - b.l) + (a.a - b.a) * (a.a - b.a) + (a.b - b.b) * (a.b - b.b)).squareRoot()
    }

    /// The smallest distance between two colours over every vision.
    public static func minimumDistance(_ p: Color, _ q: Color) -> Double {
        allCases.map { $0.distance(p, q) }.min() ?? 0
    }
}
