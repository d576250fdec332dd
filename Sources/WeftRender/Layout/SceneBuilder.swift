/// Collects items into the scene's fixed layers while layout runs.
struct SceneBuilder {
    /// Layers in painting order, bottom to top.
    enum LayerName: Int, CaseIterable {
        case background, grid, lanes, holds, arrows, markers, labels, legend

        var name: String { String(describing: self) }
    }

    private(set) var items: [[SceneItem]] = Array(repeating: [], count: LayerName.allCases.count)

    mutating func add(_ item: SceneItem, to layer: LayerName) {
        items[layer.rawValue].append(item)
    }

    mutating func add(_ text: TextItem?, to layer: LayerName = .labels) {
        if let text { items[layer.rawValue].append(.text(text)) }
    }

    func scene(width: Double, height: Double, background: Color) -> Scene {
        Scene(width: width, height: height, background: background,
              layers: zip(LayerName.allCases, items).map { SceneLayer(name: $0.name, items: $1) })
    }
}
