/// A verdict in two parts: the headline, one or two short sentences that state the lesson with its numbers and name
/// the machine, and the detail, the statistics behind it and what the two drawn runs hold. The contrast picture draws
/// the headline bold and the detail lighter under it; `weft compare` prints both.
public struct VerdictText: Sendable, Equatable {
    /// The lesson: who finished sooner or that neither did, by how much, and why when the trace measures it.
    public var headline: String
    /// The evidence and the drawn runs' particulars; empty when there is nothing more to say.
    public var detail: String

    public init(headline: String, detail: String = "") {
        self.headline = headline
        self.detail = detail
    }

    /// The headline followed by the detail, as one paragraph.
    public var text: String { detail.isEmpty ? headline : headline + " " + detail }
}
