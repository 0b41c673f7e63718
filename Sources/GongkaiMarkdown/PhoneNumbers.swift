import CCmark

/// Phone numbers in the text (`0838-5550131`, `138 0013 8000`, `400-810-1234`) kept on one line and,
/// outside links, made tap-to-call links: a hyphen or space inside a number is otherwise a place a
/// narrow phone screen may break the line, and an elderly reader then dials half a number.
enum PhoneNumbers {
    struct Match: Equatable {
        var range: Range<Int>
        var digits: String
    }

    /// The phone numbers in `text`, as ranges of its unicode scalars.
    static func find(in text: String) -> [Match] {
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < scalars.count && ("0"..."9").contains(scalars[i]) }
        func isWordish(_ i: Int) -> Bool {
            guard i >= 0 && i < scalars.count else { return false }
            let s = scalars[i]
            return s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "." || s == "-" || s == "/" || s == "_")
        }
        var matches: [Match] = []
        var i = 0
        while i < scalars.count {
            guard isDigit(i), !isWordish(i - 1) else { i += 1; continue }
            // A run of digits with single hyphens or spaces between groups.
            var end = i
            while end < scalars.count,
                isDigit(end) || ((scalars[end] == "-" || scalars[end] == " ") && isDigit(end - 1) && isDigit(end + 1))
            {
                end += 1
            }
            if !isWordish(end) {
                let run = Array(scalars[i..<end])
                let parts = [(i, end)] + splitAtSpaces(run, offset: i)
                for (from, to) in parts {
                    let digits = String(String.UnicodeScalarView(scalars[from..<to].filter { ("0"..."9").contains($0) }))
                    if isPhone(digits) {
                        matches.append(Match(range: from..<to, digits: digits))
                        break
                    }
                }
            }
            i = max(end, i + 1)
        }
        return matches
    }

    /// The space-separated parts of a run, for a number that follows another figure (`2026 13800138000`).
    static func splitAtSpaces(_ run: [Unicode.Scalar], offset: Int) -> [(Int, Int)] {
        guard run.contains(" ") else { return [] }
        var parts: [(Int, Int)] = []
        var start = 0
        for (k, s) in run.enumerated() where s == " " {
            parts.append((offset + start, offset + k))
            start = k + 1
        }
        parts.append((offset + start, offset + run.count))
        return parts
    }

    /// Mobile (1[3-9] + 9 digits), landline with area code (0 + 9 to 11 digits), 400/800 service numbers.
    static func isPhone(_ digits: String) -> Bool {
        let d = Array(digits.utf8)
        switch d.first {
        case UInt8(ascii: "1"): return d.count == 11 && (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(d[1])
        case UInt8(ascii: "0"): return (10...12).contains(d.count) && d[1] != UInt8(ascii: "0")
        case UInt8(ascii: "4"), UInt8(ascii: "8"): return d.count == 10 && d[1] == UInt8(ascii: "0") && d[2] == UInt8(ascii: "0")
        default: return false
        }
    }

    /// Splits each text node of `nodes` around the phone numbers in it. `linked`: the node is inside a
    /// link already, so the number is only kept on one line.
    static func wrap(_ nodes: [(node: OpaquePointer, linked: Bool)]) {
        for (node, linked) in nodes {
            guard let literal = cmark_node_get_literal(node) else { continue }
            let text = String(cString: literal)
            let matches = find(in: text)
            guard !matches.isEmpty else { continue }
            let scalars = Array(text.unicodeScalars)
            var position = 0
            func insert(_ type: cmark_node_type, _ literal: String) {
                guard !literal.isEmpty, let new = cmark_node_new(type) else { return }
                cmark_node_set_literal(new, literal)
                cmark_node_insert_before(node, new)
            }
            func slice(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
            for match in matches {
                insert(CMARK_NODE_TEXT, slice(position..<match.range.lowerBound))
                insert(CMARK_NODE_HTML_INLINE, linked ? "<span class=\"tel\">" : "<a class=\"tel\" href=\"tel:\(match.digits)\">")
                insert(CMARK_NODE_TEXT, slice(match.range))
                insert(CMARK_NODE_HTML_INLINE, linked ? "</span>" : "</a>")
                position = match.range.upperBound
            }
            insert(CMARK_NODE_TEXT, slice(position..<scalars.count))
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// A text may hold a phone number when it has this many ASCII digits at least (most text nodes
    /// do not: `WalkState.scan` counts them as it reads the text).
    static let minimumDigits = 10
}
