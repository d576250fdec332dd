import WeftTrace

/// The colour each task wears in thread lanes, lock lanes and the wait-for graph: the tasks drawn one by one take
/// `Palette.taskColors` in lane order, so that no two of the first `Palette.taskColors.count` share one; past that the
/// colours repeat, and each repeat carries its round ("2" on the lane's chip, a stripe across its slices). Every
/// other task wears `Palette.otherTask`.
struct TaskColoring {
    /// One task's colour and which use of that colour it is (0 for the first).
    struct Swatch: Equatable {
        var color: Color
        var round: Int
        /// Whether the task has a lane of its own (else it is one of the tasks counted in a density row).
        var drawn: Bool
    }

    private let slots: [TaskID: Int]

    /// - Parameter tasks: the tasks drawn one by one, in lane order.
    init(_ tasks: [TaskID]) {
        var slots: [TaskID: Int] = [:]
        for task in tasks where slots[task] == nil { slots[task] = slots.count }
        self.slots = slots
    }

    /// How many tasks have a colour of their own.
    var count: Int { slots.count }

    /// Whether some colour is worn by more than one task.
    var repeats: Bool { slots.count > Palette.taskColors.count }

    /// The palette's colours in use, in order.
    var usedColors: [Color] { Array(Palette.taskColors.prefix(max(slots.count, 1))) }

    func swatch(_ task: TaskID) -> Swatch {
        guard let slot = slots[task] else { return Swatch(color: Palette.otherTask, round: 0, drawn: false) }
        let n = Palette.taskColors.count
        return Swatch(color: Palette.taskColors[slot % n], round: slot / n, drawn: true)
    }

    func color(_ task: TaskID) -> Color { swatch(task).color }
}
