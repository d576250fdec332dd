extension Scene {
    /// This scene with `other` below it (a rule between them), as one picture as wide as the wider of the two.
    func stacked(above other: Scene, ruleColor: Color) -> Scene {
        let dy = height
        var layers = self.layers
        layers.append(SceneLayer(name: "separator", items: [
            .line(from: Point(Metrics.margin, dy), to: Point(max(width, other.width) - Metrics.margin, dy),
                  color: ruleColor, width: 1.5),
        ]))
        for layer in other.layers {
            layers.append(SceneLayer(name: layer.name, items: layer.items.map { $0.shifted(by: dy) },
                                     clip: layer.clip.map { $0.shifted(by: dy) }))
        }
        return Scene(width: max(width, other.width), height: height + other.height, background: background, layers: layers)
    }
}

extension Rect {
    func shifted(by dy: Double) -> Rect { Rect(x: x, y: y + dy, width: width, height: height) }
}

extension Point {
    func shifted(by dy: Double) -> Point { Point(x, y + dy) }
}

extension SceneItem {
    /// The same item `dy` pixels lower.
    func shifted(by dy: Double) -> SceneItem {
        switch self {
        case let .rect(r, fill, stroke): .rect(r.shifted(by: dy), fill: fill, stroke: stroke)
        case let .hatch(r, color, pattern): .hatch(r.shifted(by: dy), color: color, pattern: pattern)
        case let .line(from, to, color, width, dash):
            .line(from: from.shifted(by: dy), to: to.shifted(by: dy), color: color, width: width, dash: dash)
        case let .polyline(points, color, width, fill):
            .polyline(points.map { $0.shifted(by: dy) }, color: color, width: width, fill: fill)
        case let .hatchedArea(points, color): .hatchedArea(points.map { $0.shifted(by: dy) }, color: color)
        case let .arrow(from, to, color, width, head, dash):
            .arrow(from: from.shifted(by: dy), to: to.shifted(by: dy), color: color, width: width, head: head, dash: dash)
        case let .marker(shape, center, size, color): .marker(shape, center: center.shifted(by: dy), size: size, color: color)
        case let .text(t):
            .text(TextItem(text: t.text, box: t.box.shifted(by: dy), baseline: t.baseline + dy, size: t.size,
                           weight: t.weight, alignment: t.alignment, color: t.color, clip: t.clip.shifted(by: dy)))
        }
    }
}
