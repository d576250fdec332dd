/// The scene as readable text, one item a line, for golden tests and debugging.
///
/// Numbers are rounded to one decimal so that tiny float differences do not matter.
extension Scene {
    /// The whole scene as text.
    public func dump() -> String {
        var out = "scene \(SceneDump.num(width))x\(SceneDump.num(height)) background \(background)\n"
        for layer in layers {
            out += "layer \(layer.name)"
            if let clip = layer.clip { out += " clip \(SceneDump.rect(clip))" }
            out += " (\(layer.items.count) items)\n"
            for item in layer.items { out += "  " + SceneDump.item(item) + "\n" }
        }
        return out
    }
}

enum SceneDump {
    static func num(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        if r == r.rounded() { return String(Int(r)) }
        return String(r)
    }

    static func point(_ p: Point) -> String { "\(num(p.x)),\(num(p.y))" }
    static func rect(_ r: Rect) -> String { "[\(num(r.x)),\(num(r.y)) \(num(r.width))x\(num(r.height))]" }

    static func item(_ item: SceneItem) -> String {
        switch item {
        case let .rect(r, fill, stroke):
            return "rect \(rect(r)) fill \(fill)" + (stroke.map { " stroke \($0)" } ?? "")
        case let .hatch(r, color, pattern):
            return "hatch \(rect(r)) \(color)" + (pattern == .diagonal ? "" : " \(pattern.rawValue)")
        case let .line(from, to, color, width, dash):
            return "line \(point(from)) -> \(point(to)) \(color) w\(num(width))" + (dash.isEmpty ? "" : " dash \(dash.map(num).joined(separator: ","))")
        case let .polyline(points, color, width, fill):
            return "polyline \(points.map(point).joined(separator: " ")) \(color) w\(num(width))" + (fill.map { " fill \($0)" } ?? "")
        case let .hatchedArea(points, color):
            return "hatched area \(points.map(point).joined(separator: " ")) \(color)"
        case let .arrow(from, to, color, width, head, dash):
            return "arrow \(point(from)) -> \(point(to)) \(color) w\(num(width)) head \(num(head))"
                + (dash.isEmpty ? "" : " dash \(dash.map(num).joined(separator: ","))")
        case let .marker(shape, center, size, color):
            return "marker \(shape.rawValue) \(point(center)) size \(num(size)) \(color)"
        case let .text(t):
            return "text \"\(t.text)\" \(rect(t.box)) \(num(t.size))pt \(t.weight.rawValue) \(t.alignment.rawValue) \(t.color) in \(rect(t.clip))"
        }
    }
}
