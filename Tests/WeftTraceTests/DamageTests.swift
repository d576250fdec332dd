import Testing
@testable import WeftTrace
import WeftTestSupport

@Suite("Damaged traces")
struct DamageTests {
    static func sample() throws -> (bytes: [UInt8], events: [Event]) {
        let l = try list(RoundTripTests.pingPong)
        // More batches: alternate threads so that every run is its own batch.
        let many = EventList(events: [], strings: l.strings)
        for (i, e) in l.events.enumerated() {
            var e = e
            if e.kind == .log || e.kind == .metadata { e.thread = ThreadID(UInt64(2 + i % 2)) }
            many.append(e)
        }
        let bytes = try TraceFileWriter.encode(many)
        return (bytes, try readAll(try TraceReader(bytes: bytes)))
    }

    @Test("every prefix of a trace reads without a crash: complete batches plus a truncation warning")
    func everyPrefix() throws {
        let (bytes, all) = try Self.sample()
        for n in 0..<bytes.count {
            let cut = Array(bytes[0..<n])
            let reader: TraceReader
            do {
                reader = try TraceReader(bytes: cut)
            } catch {
                #expect(error.kind == .truncated || error.kind == .notATrace, "cut at \(n)")
                continue
            }
            let events = try readAll(reader)
            #expect(events.count <= all.count)
            let warning = reader.warnings.first { $0.kind == .truncated }
            #expect(warning != nil, "cut at \(n)")
            #expect(reader.trailer == nil)
            // What is read is the start of each thread's stream.
            for thread in Set(events.map(\.thread)) {
                let got = events.filter { $0.thread == thread }
                let want = all.filter { $0.thread == thread }.prefix(got.count)
                #expect(Array(want).map(\.args) == got.map(\.args), "cut at \(n)")
            }
        }
    }

    @Test("a cut inside a batch says how many bytes and batches were lost")
    func lostBytes() throws {
        let (bytes, _) = try Self.sample()
        let reader = try TraceReader(bytes: Array(bytes.dropLast(40)))
        _ = try readAll(reader)
        let warning = try #require(reader.warnings.first { $0.kind == .truncated })
        #expect(warning.lostBytes > 0)
        #expect(warning.byteOffset != nil)
    }

    @Test("the bytes lost are those of the cut record, from its tag to the end of the file, counted once")
    func lostBytesExact() throws {
        let (bytes, _) = try Self.sample()
        let records = DamagedCorpusTests.recordOffsets(bytes)
        let batch = try #require(records.last { $0.tag == TraceFormat.Tag.batch.rawValue })
        for present in [3, 12, 20] {  // the last batch takes 21 bytes
            let reader = try TraceReader(bytes: Array(bytes[0..<(batch.offset + present)]))
            _ = try readAll(reader)
            let warning = try #require(reader.warnings.first { $0.kind == .truncated })
            #expect(warning.lostBytes == present, "cut \(present) bytes into the batch")
            #expect(warning.byteOffset == batch.offset)
            #expect(warning.message.contains("cut \(present) bytes into a batch"), "\(warning.message)")
            #expect(warning.lostBatches == 1)
        }
    }

    @Test("flipping any byte gives events, warnings, or an error with its place, never a crash")
    func everyByteFlipped() throws {
        let (bytes, _) = try Self.sample()
        for i in 0..<bytes.count {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = bytes
                damaged[i] ^= flip
                do {
                    let reader = try TraceReader(bytes: damaged)
                    _ = try readAll(reader)
                } catch {
                    #expect(error.byteOffset != nil || error.eventIndex != nil, "byte \(i): \(error)")
                }
            }
        }
    }

    @Test("not a trace, a newer version, an empty file")
    func notATrace() throws {
        #expect { try TraceReader(bytes: Array("hello, world".utf8)) } throws: { ($0 as? TraceError)?.kind == .notATrace }
        var newer = try Self.sample().bytes
        newer[8] = 9
        #expect { try TraceReader(bytes: newer) } throws: { ($0 as? TraceError)?.kind == .unsupportedVersion }
        #expect { try TraceReader(bytes: []) } throws: { ($0 as? TraceError)?.kind == .notATrace }
        #expect { try TraceReader(path: "/nonexistent.weft") } throws: { ($0 as? TraceError)?.kind == .cannotOpen }
    }

    @Test("a huge length is rejected before anything is allocated")
    func hugeLength() throws {
        var bytes = TraceFormat.magic + [1, 0]
        bytes += [TraceFormat.Tag.header.rawValue, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]
        #expect { try TraceReader(bytes: bytes) } throws: { error in
            guard let e = error as? TraceError else { return false }
            return e.kind == .corrupt && e.byteOffset == 10
        }
    }
}
