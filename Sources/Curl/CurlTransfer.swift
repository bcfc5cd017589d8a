import CCurl
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a finished transfer produced, before it is shaped into an HTTP or SMTP answer.
struct TransferOutput: Sendable {
    var responseCode: Int
    var headers: [HTTPHeader]
    var body: Data
    var lastHeaderLine: String
}

/// One easy handle and everything its callbacks touch.
///
/// Set up on the caller's thread, then owned by the loop thread until it completes; the callbacks
/// reach it through the `*DATA` pointers (non-capturing C callbacks, DESIGN §5).
final class CurlTransfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    let addressGuard: AddressGuard
    let maxResponseBytes: Int
    let cancelled = Atomic<Bool>(false)
    var completion: (@Sendable (Result<TransferOutput, CurlError>) -> Void)?

    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private var upload: [UInt8] = []
    private var uploadOffset = 0
    private var body = Data()
    private var headers: [HTTPHeader] = []
    private var lastHeaderLine = ""
    private var tooLarge = false
    /// Set when the open-socket callback refused an address: why, for the error.
    private var refusal: String?
    /// Set for SMTP without TLS: every address connected to must then be on loopback.
    var plainTextSMTP: PlainTextSMTP?
    private var finished = false

    init(addressGuard: AddressGuard, limits: TransferLimits) throws(CurlError) {
        CurlGlobal.ensureInitialized()
        guard let easy = curl_easy_init() else {
            throw CurlError(code: 0, kind: .other, message: "curl_easy_init failed (out of memory?)")
        }
        self.easy = easy
        self.addressGuard = addressGuard
        self.maxResponseBytes = max(0, limits.maxResponseBytes)
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        do {
            try applySafety(limits)
        } catch {
            release()
            throw error
        }
    }

    deinit {
        release()
    }

    private func release() {
        guard !finished else { return }
        finished = true
        curl_easy_cleanup(easy)
        for list in lists { curl_slist_free_all(list) }
        lists = []
        errorBuffer.deallocate()
    }

    // MARK: setting options

    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(ccurl_easy_setopt_long(easy, option, value), option)
    }

    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(value.withCString { ccurl_easy_setopt_string(easy, option, $0) }, option)
    }

    func setList(_ option: CURLoption, _ values: [String]) throws(CurlError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let appended = curl_slist_append(list, value) else {
                if let list { curl_slist_free_all(list) }
                throw CurlError(code: 0, kind: .other, message: "curl_slist_append failed (out of memory?)")
            }
            list = appended
        }
        guard let list else { return }
        lists.append(list)
        try check(ccurl_easy_setopt_slist(easy, option, list), option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(CurlError) {
        guard code != CURLE_OK else { return }
        throw CurlError(
            code: Int(code.rawValue), kind: code == CURLE_UNSUPPORTED_PROTOCOL ? .badRequest : .other,
            message: "setting curl option \(option.rawValue) failed: \(Self.text(of: code))")
    }

    private func applySafety(_ limits: TransferLimits) throws(CurlError) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_NOSIGNAL, 1)
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), CURLOPT_ERRORBUFFER)
        try set(CURLOPT_CONNECTTIMEOUT_MS, Int(max(1, limits.connectTimeout * 1000)))
        try set(CURLOPT_TIMEOUT_MS, Int(max(1, limits.totalTimeout * 1000)))
        try set(CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedLimit)
        try set(CURLOPT_LOW_SPEED_TIME, limits.lowSpeedTime)
        try set(CURLOPT_FOLLOWLOCATION, 0)
        try set(CURLOPT_PROXY, "")
        try check(ccurl_easy_setopt_write_function(easy, CurlTransfer.writeCallback), CURLOPT_WRITEFUNCTION)
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me), CURLOPT_WRITEDATA)
        try check(ccurl_easy_setopt_header_function(easy, CurlTransfer.headerCallback), CURLOPT_HEADERFUNCTION)
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me), CURLOPT_HEADERDATA)
        try check(
            ccurl_easy_setopt_opensocket_function(easy, CurlTransfer.openSocketCallback), CURLOPT_OPENSOCKETFUNCTION)
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_OPENSOCKETDATA, me), CURLOPT_OPENSOCKETDATA)
    }

    /// Uploads `bytes` through the read callback (the SMTP message).
    func setUpload(_ bytes: [UInt8]) throws(CurlError) {
        upload = bytes
        uploadOffset = 0
        let me = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_UPLOAD, 1)
        try check(
            ccurl_easy_setopt_off_t(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(bytes.count)), CURLOPT_INFILESIZE_LARGE)
        try check(ccurl_easy_setopt_read_function(easy, CurlTransfer.readCallback), CURLOPT_READFUNCTION)
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_READDATA, me), CURLOPT_READDATA)
    }

    /// Sets a POST body, copied by curl.
    func setPostBody(_ body: Data) throws(CurlError) {
        try set(CURLOPT_POST, 1)
        try check(
            ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
            CURLOPT_POSTFIELDSIZE_LARGE)
        var bytes = [UInt8](body)
        bytes.append(0)
        let code = bytes.withUnsafeMutableBytes {
            ccurl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, $0.baseAddress)
        }
        try check(code, CURLOPT_COPYPOSTFIELDS)
    }

    // MARK: completion (loop thread)

    /// Turns curl's result for this handle into the caller's answer and resumes the caller.
    func complete(with code: CURLcode) {
        var responseCode = 0
        _ = ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &responseCode)
        let result: Result<TransferOutput, CurlError>
        if code == CURLE_OK {
            result = .success(
                TransferOutput(responseCode: responseCode, headers: headers, body: body, lastHeaderLine: lastHeaderLine)
            )
        } else {
            result = .failure(error(for: code, responseCode: responseCode))
        }
        fail(result)
    }

    /// Resumes the caller with `result` (at most once).
    func fail(_ result: Result<TransferOutput, CurlError>) {
        let completion = self.completion
        self.completion = nil
        completion?(result)
    }

    private func error(for code: CURLcode, responseCode: Int) -> CurlError {
        let detail = String(cString: errorBuffer)
        var message = Self.text(of: code)
        if !detail.isEmpty && detail != message { message += ": " + detail }
        let received = responseCode > 0 ? responseCode : nil
        let number = Int(code.rawValue)
        if let refusal, code == CURLE_COULDNT_CONNECT {
            return CurlError(code: number, kind: .addressRefused, message: refusal, responseCode: received)
        }
        if tooLarge && code == CURLE_WRITE_ERROR {
            return CurlError(
                code: number, kind: .responseTooLarge,
                message: "response larger than \(maxResponseBytes) bytes; cut off", responseCode: received)
        }
        return CurlError(code: number, kind: Self.kind(of: code), message: message, responseCode: received)
    }

    static func kind(of code: CURLcode) -> CurlError.Kind {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .resolveFailed
        case CURLE_COULDNT_CONNECT: .connectFailed
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE: .connectionLost
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            .tls
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: .badRequest
        case CURLE_LOGIN_DENIED, CURLE_WEIRD_SERVER_REPLY, CURLE_QUOTE_ERROR: .serverRefused
        default: .other
        }
    }

    static func text(of code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }

    // MARK: C callbacks (non-capturing; the owner comes through the user-data pointer)

    static let writeCallback: ccurl_data_callback = { buffer, size, count, userdata in
        guard let userdata else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        let length = size * count
        if transfer.body.count + length > transfer.maxResponseBytes {
            transfer.tooLarge = true
            return 0
        }
        if let buffer, length > 0 {
            buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
                transfer.body.append($0, count: length)
            }
        }
        return length
    }

    static let headerCallback: ccurl_data_callback = { buffer, size, count, userdata in
        guard let userdata else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        let length = size * count
        guard let buffer, length > 0 else { return length }
        let line = buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        transfer.receivedHeader(line)
        return length
    }

    static let readCallback: ccurl_data_callback = { buffer, size, count, userdata in
        guard let userdata, let buffer else { return Int(ccurl_readfunc_abort()) }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        let room = size * count
        let remaining = transfer.upload.count - transfer.uploadOffset
        let length = min(room, remaining)
        guard length > 0 else { return 0 }
        transfer.upload.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: base + transfer.uploadOffset, byteCount: length)
        }
        transfer.uploadOffset += length
        return length
    }

    static let openSocketCallback: ccurl_opensocket_callback = { clientp, purpose, address in
        guard let clientp, let address else { return ccurl_socket_bad() }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(clientp).takeUnretainedValue()
        let family = address.pointee.family
        guard let raw = ccurl_sockaddr(address) else { return ccurl_socket_bad() }
        var bytes: [UInt8] = []
        if family == AF_INET {
            raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                var value = pointer.pointee.sin_addr
                bytes = withUnsafeBytes(of: &value) { Array($0) }
            }
        } else if family == AF_INET6 {
            raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                var value = pointer.pointee.sin6_addr
                bytes = withUnsafeBytes(of: &value) { Array($0) }
            }
        }
        if let refusal = transfer.addressGuard.refusal(forAddress: bytes) {
            transfer.refusal = refusal.description
            return ccurl_socket_bad()
        }
        if let plainText = transfer.plainTextSMTP, !AddressGuard.isLoopback(bytes) {
            transfer.refusal = plainText.refusal(of: AddressGuard.format(bytes))
            return ccurl_socket_bad()
        }
        return socket(family, address.pointee.socktype, address.pointee.protocol)
    }

    private func receivedHeader(_ raw: String) {
        // Trimmed by hand on the UTF-8 view: this runs for every header of every response.
        let utf8 = raw.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return }
        let line = raw[first...last]
        lastHeaderLine = String(line)
        if line.hasPrefix("HTTP/") {
            headers = []  // a new response (after 100 Continue): keep only the final one's headers
            return
        }
        guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = line[..<colon].utf8.drop { isSpace($0) }
        let value = line[line.utf8.index(after: colon)...].utf8.drop { isSpace($0) }
        headers.append(HTTPHeader(String(Substring(name)), String(Substring(value))))
    }
}

/// curl's process-wide initialisation, done once before the first handle.
enum CurlGlobal {
    private static let initialized: Bool = ccurl_global_init_all() == CURLE_OK

    static func ensureInitialized() {
        _ = initialized
    }
}
