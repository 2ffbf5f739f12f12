/// HTML into a sink: markup as given, text escaped as ``HTMLText`` escapes it, without building strings.
struct HTMLWriter {
    let sink: ArtifactSink

    init(_ sink: ArtifactSink) { self.sink = sink }

    func raw(_ markup: String) { sink.write(markup) }

    func text(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for index in 0..<bytes.count {
                guard let entity = HTMLText.entity(bytes[index]) else { continue }
                if start < index { sink.write(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<index]))) }
                sink.write(UnsafeRawBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                start = index + 1
            }
            if start < bytes.count { sink.write(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start...]))) }
        }
    }
}
