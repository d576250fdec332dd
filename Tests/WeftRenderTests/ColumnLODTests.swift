import Testing
@testable import WeftRender

@Suite("Column level of detail")
struct ColumnLODTests {
    @Test("wide pieces pass through; narrow ones fold into columns with the dominant key and the coverage")
    func folding() {
        var lod = ColumnLOD(origin: 10, width: 100)
        lod.add(10, 30, key: 1)                 // wide: kept as it is
        for i in 0..<10 {                        // column 40: keys 2 (0.3 px) and 3 (0.1 px), alternating
            let x = 50 + Double(i) * 0.1
            lod.add(x, x + (i % 4 == 3 ? 0.01 : 0.03), key: i % 4 == 3 ? 3 : 2)
        }
        lod.add(60.2, 60.2, key: 4)              // an instant in column 50
        #expect(lod.wide == [ColumnLOD.Piece(x0: 10, x1: 30, key: 1, coverage: 1, merged: false)])
        let columns = lod.columnPieces()
        #expect(columns.count == 2)
        #expect(columns[0].x0 == 50 && columns[0].x1 == 51 && columns[0].key == 2 && columns[0].merged)
        #expect(abs(columns[0].coverage - 0.26) < 0.01)
        #expect(columns[1].x0 == 60 && columns[1].key == 4 && abs(columns[1].coverage - 0.05) < 0.001)
        lod.reset()
        #expect(lod.wide.isEmpty && lod.columnPieces().isEmpty)
    }

    @Test("alike neighbouring columns join into one piece")
    func joining() {
        var lod = ColumnLOD(origin: 0, width: 50)
        for i in 0..<200 { lod.add(Double(i) * 0.1, Double(i) * 0.1 + 0.05, key: 7) }
        let columns = lod.columnPieces()
        #expect(columns.count == 1)
        #expect(columns.first?.x0 == 0 && columns.first?.x1 == 20 && abs((columns.first?.coverage ?? 0) - 0.5) < 0.01)
    }
}
