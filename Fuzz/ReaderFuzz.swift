// A libFuzzer target for the trace reader and the text parser. Build and run with scripts/fuzz-reader.
// Whatever the bytes, reading must end with events, warnings or a TraceError: never a crash, a hang, or
// unbounded memory.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let reader = try? TraceReader(bytes: bytes, path: "fuzz") {
        var events = 0
        do {
            while let event = try reader.next() {
                _ = TraceText.format(event, strings: reader.string)
                _ = TraceJSON.line(event, strings: reader.string)
                events += 1
            }
        } catch {
            precondition(error.byteOffset != nil || error.eventIndex != nil, "an error without a place: \(error)")
        }
        _ = reader.warnings
    }
    // The same bytes as text: parsing must fail cleanly or give a list the writer can encode and the reader read.
    if let list = try? TraceText.parse(String(decoding: bytes, as: UTF8.self)),
       let encoded = try? TraceFileWriter.encode(list),
       let reader = try? TraceReader(bytes: encoded) {
        while (try? reader.next()) != nil {}
    }
    return 0
}
