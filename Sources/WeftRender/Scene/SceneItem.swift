/// How heavy a font is.
public enum FontWeight: String, Sendable, Equatable {
    case regular
    case bold

    /// The one font family Weft draws with (installed everywhere Weft runs: fonts-dejavu-core).
    static let family = "DejaVu Sans"
}

/// Where text sits horizontally relative to its anchor x.
public enum TextAlignment: String, Sendable, Equatable {
    case left
    case center
    case right
}

/// A run of text already measured and fitted by the layout.
public struct TextItem: Sendable, Equatable {
    /// The string to draw (already truncated to fit).
    public var text: String
    /// The box the drawn text occupies: x from the measured advance, y from the font's ascent and descent.
    public var box: Rect
    /// The baseline's y.
    public var baseline: Double
    public var size: Double
    public var weight: FontWeight
    public var alignment: TextAlignment
    public var color: Color
    /// The area the text must stay inside; the painter clips to it.
    public var clip: Rect

    public init(text: String, box: Rect, baseline: Double, size: Double, weight: FontWeight,
                alignment: TextAlignment, color: Color, clip: Rect) {
        self.text = text
        self.box = box
        self.baseline = baseline
        self.size = size
        self.weight = weight
        self.alignment = alignment
        self.color = color
        self.clip = clip
    }
}

/// A small symbol drawn at a point (event markers, legend keys).
public enum MarkerShape: String, Sendable, Equatable, CaseIterable {
    case circle
    case ring
    case triangleUp
    case triangleDown
    case square
    case hollowSquare
    case diamond
    case bar
    case cross
    /// Two triangles tip to tip: a timeout that fired.
    case hourglass
    /// A hollow square struck through: a lock lost to another task.
    case struckSquare
}

/// How a hatched rectangle is patterned: each pattern means one thing wherever it is drawn.
public enum HatchPattern: String, Sendable, Equatable {
    /// A pale tint crossed by thin diagonal lines: waiting, or a thread held while it does nothing.
    case diagonal
    /// Solid blocks with narrow pale gaps, a broken bar: running, but perhaps waiting for a CPU in part of it.
    case broken
    /// A pale tint crossed by diagonal lines both ways: ready, its own thread busy with an actor's jobs for others.
    case crossed
    /// A pale tint crossed by lines falling to the right: ready, queued behind the task that woke it on that task's
    /// pool thread.
    case falling
}

/// One thing to paint. Coordinates are picture pixels.
public enum SceneItem: Sendable, Equatable {
    /// A filled rectangle, optionally outlined.
    case rect(Rect, fill: Color, stroke: Color? = nil)
    /// A rectangle patterned in `color` (a thread held by a waiting task, a state told apart by its pattern).
    case hatch(Rect, color: Color, pattern: HatchPattern = .diagonal)
    /// A straight line; `dash` empty for a solid line.
    case line(from: Point, to: Point, color: Color, width: Double, dash: [Double] = [])
    /// Connected segments; filled (closed) when `fill` is given.
    case polyline([Point], color: Color, width: Double, fill: Color? = nil)
    /// A closed area tinted with `color` and crossed by diagonal lines of it, as `hatch` is a rectangle (a share of
    /// threads held by their tasks, in a density row).
    case hatchedArea([Point], color: Color)
    /// A line with an arrow head at `to`; `dash` empty for a solid shaft.
    case arrow(from: Point, to: Point, color: Color, width: Double, head: Double, dash: [Double] = [])
    /// A marker of `size` pixels centred on a point.
    case marker(MarkerShape, center: Point, size: Double, color: Color)
    /// Text.
    case text(TextItem)
}

/// A named group of items painted together, in order; layers paint bottom to top.
public struct SceneLayer: Sendable, Equatable {
    public var name: String
    public var items: [SceneItem]
    /// Optional clip for the whole layer (e.g. the plotting area).
    public var clip: Rect?

    public init(name: String, items: [SceneItem] = [], clip: Rect? = nil) {
        self.name = name
        self.items = items
        self.clip = clip
    }
}

/// A whole picture as plain values: what the painter paints and what golden tests read.
public struct Scene: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var background: Color
    public var layers: [SceneLayer]

    public init(width: Double, height: Double, background: Color, layers: [SceneLayer] = []) {
        self.width = width
        self.height = height
        self.background = background
        self.layers = layers
    }

    /// Every text item, in painting order.
    public var texts: [TextItem] {
        layers.flatMap { layer in
            layer.items.compactMap { if case let .text(t) = $0 { t } else { nil } }
        }
    }

    /// The layer named `name`, if any.
    public func layer(_ name: String) -> SceneLayer? { layers.first { $0.name == name } }

    /// Number of items over all layers.
    public var itemCount: Int { layers.reduce(0) { $0 + $1.items.count } }
}
