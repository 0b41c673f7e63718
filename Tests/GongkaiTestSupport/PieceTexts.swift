/// Texts for comparing a fast path with the code it replaces: the empty text, every piece, every two
/// pieces, and `random` texts of `lengths` pieces drawn at random (a new draw each run).
public func textsOfPieces(_ pieces: [String], random: Int, lengths: ClosedRange<Int>) -> [String] {
    var texts = [""]
    for a in pieces {
        texts.append(a)
        for b in pieces { texts.append(a + b) }
    }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<random {
        texts.append((0..<Int.random(in: lengths, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
    }
    return texts
}
