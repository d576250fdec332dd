// WeftAnalysis: events -> timeline model -> stats, lints, critical path, diff, export.
