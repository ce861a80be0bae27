import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP relay that counts every byte in each direction: the ground
/// truth for "bytes on the wire" (HTTP request lines, headers and bodies),
/// independent of the client's own accounting.
final class CountingProxy: @unchecked Sendable {
    let port: Int
    private let upstreamPort: Int
    private let listener: Int32
    private let lock = NSLock()
    private var up = 0, down = 0, connections = 0

    init(upstreamPort: Int) {
        self.upstreamPort = upstreamPort
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = CountingProxy.loopback(port: 0)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(fd, 64)
        var bound = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        listener = fd
        port = Int(UInt16(bigEndian: bound.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// (client → server bytes, server → client bytes, connections) since the last reset.
    func totals() -> (up: Int, down: Int, connections: Int) {
        lock.lock(); defer { lock.unlock() }
        return (up, down, connections)
    }

    func reset() {
        lock.lock(); up = 0; down = 0; connections = 0; lock.unlock()
    }

    static func loopback(port: Int) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return addr
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { if errno == EINTR { continue }; return }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = CountingProxy.loopback(port: upstreamPort)
            let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard ok == 0 else { close(client); close(server); continue }
            lock.lock(); connections += 1; lock.unlock()
            let pair = Pair(client: client, server: server)
            Thread { [self] in pump(from: client, to: server, upstream: true); pair.finished() }.start()
            Thread { [self] in pump(from: server, to: client, upstream: false); pair.finished() }.start()
        }
    }

    /// The two descriptors of one relayed connection, closed once both pumps end.
    private final class Pair: @unchecked Sendable {
        let client: Int32, server: Int32
        private let lock = NSLock()
        private var running = 2
        init(client: Int32, server: Int32) { self.client = client; self.server = server }
        func finished() {
            lock.lock(); running -= 1; let last = running == 0; lock.unlock()
            if last { close(client); close(server) }
        }
    }

    private func pump(from: Int32, to: Int32, upstream: Bool) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(from, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            lock.lock()
            if upstream { up += n } else { down += n }
            lock.unlock()
            var sent = 0
            while sent < n {
                let w = buffer.withUnsafeBytes { write(to, $0.baseAddress! + sent, n - sent) }
                if w < 0, errno == EINTR { continue }
                if w <= 0 { shutdown(from, Int32(SHUT_RDWR)); shutdown(to, Int32(SHUT_RDWR)); return }
                sent += w
            }
        }
        // Pass the end of stream on; the other direction ends when its peer closes.
        shutdown(to, Int32(SHUT_WR))
    }
}
