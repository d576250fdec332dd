// WeftRender: timeline model -> layout -> scene (plain values) -> Cairo painter (PNG, SVG, PDF).
