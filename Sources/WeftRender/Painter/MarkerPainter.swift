/// Draws the small marker shapes.
enum MarkerPainter {
    static func paint(_ shape: MarkerShape, center c: Point, size: Double, color: Color, _ cr: CairoContext) {
        let r = size / 2
        cr.setColor(color)
        cr.setLineWidth(1)
        switch shape {
        case .circle:
            cr.arc(center: c, radius: r)
            cr.fill()
        case .ring:
            cr.arc(center: c, radius: r - 0.5)
            cr.stroke()
        case .triangleUp:
            polygon([Point(c.x, c.y - r), Point(c.x + r, c.y + r), Point(c.x - r, c.y + r)], cr)
            cr.fill()
        case .triangleDown:
            polygon([Point(c.x - r, c.y - r), Point(c.x + r, c.y - r), Point(c.x, c.y + r)], cr)
            cr.fill()
        case .square:
            cr.rectangle(Rect(x: c.x - r, y: c.y - r, width: size, height: size))
            cr.fill()
        case .hollowSquare:
            cr.rectangle(Rect(x: c.x - r + 0.5, y: c.y - r + 0.5, width: size - 1, height: size - 1))
            cr.stroke()
        case .struckSquare:
            cr.rectangle(Rect(x: c.x - r + 0.5, y: c.y - r + 0.5, width: size - 1, height: size - 1))
            cr.move(to: Point(c.x - r, c.y + r))
            cr.line(to: Point(c.x + r, c.y - r))
            cr.stroke()
        case .diamond:
            polygon([Point(c.x, c.y - r), Point(c.x + r, c.y), Point(c.x, c.y + r), Point(c.x - r, c.y)], cr)
            cr.fill()
        case .bar:
            cr.rectangle(Rect(x: c.x - 0.75, y: c.y - r, width: 1.5, height: size))
            cr.fill()
        case .cross:
            cr.setLineWidth(1.5)
            cr.move(to: Point(c.x - r, c.y - r))
            cr.line(to: Point(c.x + r, c.y + r))
            cr.move(to: Point(c.x + r, c.y - r))
            cr.line(to: Point(c.x - r, c.y + r))
            cr.stroke()
        case .hourglass:
            polygon([Point(c.x - r, c.y - r), Point(c.x + r, c.y - r), Point(c.x - r, c.y + r), Point(c.x + r, c.y + r)], cr)
            cr.fill()
        }
    }

    private static func polygon(_ points: [Point], _ cr: CairoContext) {
        cr.move(to: points[0])
        for p in points.dropFirst() { cr.line(to: p) }
        cr.closePath()
    }
}
