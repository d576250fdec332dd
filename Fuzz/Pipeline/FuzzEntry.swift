/// libFuzzer's entry point (built with `-DFUZZING` by scripts/fuzz-pipeline): one input through the whole pipeline.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    PipelineCheck.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
