import Foundation

/// A plain TCP client for the serve tests. It sends the request target exactly as written — HTTP
/// libraries would normalise `/../site.yaml` before sending it, which is the very thing under test.
enum RawHTTP {
    struct Response {
        var status: Int
        /// Header names lowercased.
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends one request with `Connection: close` and reads the whole response.
    static func request(_ target: String, port: Int, method: String = "GET", timeout: Double = 10) throws -> Response {
        let socket = try Connection(port: port)
        defer { socket.close() }
        try socket.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        var data = Data()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let chunk = socket.receive() else { break }
            if chunk.isEmpty { continue }
            data.append(chunk)
        }
        return try parse(data, method: method)
    }

    static func parse(_ data: Data, method: String) throws -> Response {
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(description: "no complete response: \(String(decoding: data, as: UTF8.self))")
        }
        let head = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line: \(head.first ?? "")")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[split.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init), method != "HEAD", body.count > length {
            body = body.prefix(length)
        }
        return Response(status: status, headers: headers, body: body)
    }

    /// One TCP connection to 127.0.0.1 with a receive timeout.
    final class Connection {
        let fd: Int32

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                Glibc.close(fd)
                throw Failure(description: "connect to port \(port): errno \(errno)")
            }
            var wait = timeval(tv_sec: 0, tv_usec: 200_000)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        }

        func send(_ text: String) throws {
            let bytes = Array(text.utf8)
            var sent = 0
            while sent < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { throw Failure(description: "send: errno \(errno)") }
                sent += n
            }
        }

        /// Bytes received; empty after a timeout with nothing; nil when the server closed the connection.
        func receive() -> Data? {
            var buffer = [UInt8](repeating: 0, count: 65536)
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, 65536, 0) }
            if n > 0 { return Data(buffer[0..<n]) }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return Data() }
            return nil
        }

        func close() { Glibc.close(fd) }
    }
}

/// A browser tab's view of `/__gongkai/events`: everything the stream has sent so far.
final class EventStreamClient {
    let connection: RawHTTP.Connection
    private(set) var received = ""

    init(port: Int) throws {
        connection = try RawHTTP.Connection(port: port)
        try connection.send("GET /__gongkai/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
    }

    /// Reads until the stream has sent `text` (counting from `after` characters on), or the time is up.
    @discardableResult
    func waitFor(_ text: String, after offset: Int = 0, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if String(received.dropFirst(offset)).contains(text) { return true }
            guard let chunk = connection.receive() else { break }
            received += String(decoding: chunk, as: UTF8.self)
        }
        return String(received.dropFirst(offset)).contains(text)
    }

    func close() { connection.close() }
}
