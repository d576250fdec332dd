import CCairo

/// Paints a scene with Cairo: to a PNG, SVG or PDF file, or to an image in memory.
public enum ScenePainter {
    /// Paints `scene` into the file at `path`, in the format its extension names.
    /// - Throws: `RenderError` for an unknown extension or when Cairo cannot create or write the file.
    public static func write(_ scene: Scene, to path: String) throws(RenderError) {
        let format = try OutputFormat(path: path)
        let width = Int(scene.width.rounded(.up))
        let height = Int(scene.height.rounded(.up))
        switch format {
        case .png:
            let surface = try CairoSurface.image(width: width, height: height)
            try paint(scene, on: surface)
            try surface.writePNG(to: path)
        case .svg:
            let surface = try CairoSurface.svg(path: path, width: width, height: height)
            try paint(scene, on: surface)
            try surface.finish(path: path)
        case .pdf:
            let surface = try CairoSurface.pdf(path: path, width: width, height: height)
            try paint(scene, on: surface)
            try surface.finish(path: path)
        }
    }

    /// Paints `scene` into an image in memory and returns a reader of its pixels (for tests and checks).
    public static func image(_ scene: Scene) throws(RenderError) -> PixelImage {
        let surface = try CairoSurface.image(width: Int(scene.width.rounded(.up)), height: Int(scene.height.rounded(.up)))
        try paint(scene, on: surface)
        return PixelImage(surface: surface)
    }

    static func paint(_ scene: Scene, on surface: CairoSurface) throws(RenderError) {
        let cr = try CairoContext(surface: surface)
        cr.setColor(scene.background)
        cr.rectangle(Rect(x: 0, y: 0, width: Double(surface.width), height: Double(surface.height)))
        cr.fill()
        for layer in scene.layers {
            if let clip = layer.clip {
                cr.save()
                cr.clip(clip)
            }
            for item in layer.items { paint(item, cr) }
            if layer.clip != nil { cr.restore() }
        }
        try cr.checkStatus("paint the picture")
    }

    private static func paint(_ item: SceneItem, _ cr: CairoContext) {
        switch item {
        case let .rect(r, fill, stroke):
            cr.rectangle(r)
            cr.setColor(fill)
            if let stroke {
                cr.fillPreserve()
                cr.setColor(stroke)
                cr.setLineWidth(1)
                cr.stroke()
            } else {
                cr.fill()
            }
        case let .hatch(r, color, .diagonal):
            paintHatch(r, color: color, cr)
        case let .hatch(r, color, .broken):
            paintBroken(r, color: color, cr)
        case let .hatch(r, color, .crossed):
            paintHatch(r, color: color, cr)
            paintHatch(r, color: color, cr, backwards: true, tinted: false)
        case let .hatch(r, color, .falling):
            paintHatch(r, color: color, cr, backwards: true)
        case let .line(from, to, color, width, dash):
            cr.setColor(color)
            cr.setLineWidth(width)
            if !dash.isEmpty { cr.setDash(dash) }
            cr.move(to: from)
            cr.line(to: to)
            cr.stroke()
            if !dash.isEmpty { cr.setDash([]) }
        case let .polyline(points, color, width, fill):
            guard let first = points.first else { return }
            cr.move(to: first)
            for p in points.dropFirst() { cr.line(to: p) }
            if let fill {
                cr.closePath()
                cr.setColor(fill)
                if width > 0 {
                    cr.fillPreserve()
                    cr.setColor(color)
                    cr.setLineWidth(width)
                    cr.stroke()
                } else {
                    cr.fill()
                }
            } else {
                cr.setColor(color)
                cr.setLineWidth(width)
                cr.stroke()
            }
        case let .hatchedArea(points, color):
            paintHatchedArea(points, color: color, cr)
        case let .arrow(from, to, color, width, head, dash):
            paintArrow(from: from, to: to, color: color, width: width, head: head, dash: dash, cr)
        case let .marker(shape, center, size, color):
            MarkerPainter.paint(shape, center: center, size: size, color: color, cr)
        case let .text(t):
            let needsClip = !t.clip.contains(t.box)
            if needsClip {
                cr.save()
                cr.clip(t.clip)
            }
            cr.setColor(t.color)
            cr.setFont(size: t.size, weight: t.weight)
            cr.move(to: Point(t.box.x, t.baseline))
            cr.showText(t.text)
            if needsClip { cr.restore() }
        }
    }

    /// A light tint of `color` crossed by 45° lines of it, 4 px apart, clipped to the rectangle.
    /// Solid blocks 4 px wide with 2 px gaps tinted pale, on a fixed grid so that neighbouring pieces line up.
    private static func paintBroken(_ r: Rect, color: Color, _ cr: CairoContext) {
        guard r.width > 0, r.height > 0 else { return }
        cr.rectangle(r)
        cr.setColor(color.withAlpha(color.alpha * 0.3))
        cr.fill()
        cr.save()
        cr.clip(r)
        cr.setColor(color)
        let step = 6.0
        var x = (r.x / step).rounded(.down) * step
        while x < r.maxX {
            cr.rectangle(Rect(x: x, y: r.y, width: 4, height: r.height))
            x += step
        }
        cr.fill()
        cr.restore()
    }

    /// The area inside `points`, tinted and crossed by diagonal lines as `paintHatch` crosses a rectangle.
    private static func paintHatchedArea(_ points: [Point], color: Color, _ cr: CairoContext) {
        guard let first = points.first, points.count > 2 else { return }
        let xs = points.map(\.x), ys = points.map(\.y)
        let box = Rect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)
        guard box.width > 0, box.height > 0 else { return }
        cr.save()
        cr.move(to: first)
        for p in points.dropFirst() { cr.line(to: p) }
        cr.closePath()
        cr.clipToPath()
        paintHatch(box, color: color, cr)
        cr.restore()
    }

    /// `r` tinted (unless `tinted` is false: over an existing tint) and crossed by lines rising to the right
    /// (`backwards`: falling).
    private static func paintHatch(_ r: Rect, color: Color, _ cr: CairoContext, backwards: Bool = false, tinted: Bool = true) {
        guard r.width > 0, r.height > 0 else { return }
        if tinted {
            cr.rectangle(r)
            cr.setColor(color.withAlpha(color.alpha * 0.22))
            cr.fill()
        }
        cr.save()
        cr.clip(r)
        cr.setColor(color)
        cr.setLineWidth(1.2)
        let step = 4.0
        var x = (r.x / step).rounded(.down) * step - r.height
        while x < r.maxX {
            cr.move(to: Point(x, backwards ? r.y : r.maxY))
            cr.line(to: Point(x + r.height, backwards ? r.maxY : r.y))
            x += step
        }
        cr.stroke()
        cr.restore()
    }

    private static func paintArrow(from: Point, to: Point, color: Color, width: Double, head: Double, dash: [Double],
                                   _ cr: CairoContext) {
        let dx = to.x - from.x
        let dy = to.y - from.y
        let length = (dx * dx + dy * dy).squareRoot()
        cr.setColor(color)
        cr.setLineWidth(width)
        guard length > 0.5 else { return }
        let ux = dx / length
        let uy = dy / length
        let base = Point(to.x - ux * head, to.y - uy * head)
        if !dash.isEmpty { cr.setDash(dash) }
        cr.move(to: from)
        cr.line(to: base)
        cr.stroke()
        if !dash.isEmpty { cr.setDash([]) }
        let half = head * 0.55
        cr.move(to: to)
        cr.line(to: Point(base.x - uy * half, base.y + ux * half))
        cr.line(to: Point(base.x + uy * half, base.y - ux * half))
        cr.closePath()
        cr.fill()
    }
}
