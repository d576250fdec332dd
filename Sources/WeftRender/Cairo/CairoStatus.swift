import CCairo

/// Turns a Cairo status into a `RenderError`; the one place that reads `cairo_status_t`.
enum CairoStatus {
    /// Throws when `status` is not success.
    static func check(_ status: cairo_status_t, _ operation: @autoclosure () -> String) throws(RenderError) {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        let message = cairo_status_to_string(status).map { String(cString: $0) } ?? "unknown error"
        throw RenderError.cairo(operation: operation(), status: status.rawValue, message: message)
    }
}
