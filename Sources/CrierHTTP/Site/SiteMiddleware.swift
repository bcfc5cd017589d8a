import Foundation
import Hummingbird

/// Serves the published site (index, area pages, feeds, CAP files) for GET and HEAD requests that
/// no route answered, so `/healthz`, `/unsubscribe/...` and `/api/...` always win over a file.
///
/// Responses carry `ETag` and `Last-Modified` and `Cache-Control: no-cache` (a cache must ask
/// again each time, so a cancelled alert never lingers); `If-None-Match` (which wins) and
/// `If-Modified-Since` give `304 Not Modified`. What `PublishedSite` refuses is a plain 404.
struct SiteMiddleware: RouterMiddleware {
    typealias Context = CrierRequestContext

    let site: PublishedSite

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            guard let served = try serve(request) else { throw error }
            return served
        }
    }

    /// The file `request` names, or nil when there is none to serve.
    private func serve(_ request: Request) throws -> Response? {
        guard let segments = PublishedSite.segments(of: request.uri.path), let file = site.file(for: request.uri.path)
        else { return nil }
        var headers = HTTPFields()
        let tag = Self.entityTag(file)
        let modified = Self.httpDate(file.modified)
        headers[.eTag] = tag
        headers[.lastModified] = modified
        headers[.cacheControl] = "no-cache"
        if Self.isNotModified(request.headers, tag: tag, modified: file.modified) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = SiteContentType.of(segments)
        guard let data = FileManager.default.contents(atPath: file.url.path) else { return nil }
        headers[.contentLength] = String(data.count)
        if request.method == .head {
            return Response(status: .ok, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A strong validator from the file's identity, size and modification time: the publisher
    /// replaces files by renaming new ones into place, so any change gives a new tag.
    static func entityTag(_ file: PublishedSite.File) -> String {
        let nanoseconds = UInt64(max(0, file.modified.timeIntervalSince1970 * 1_000_000_000))
        return
            "\"\(String(file.identity, radix: 16))-\(String(file.size, radix: 16))-\(String(nanoseconds, radix: 16))\""
    }

    /// RFC 9110 §13.2.2: `If-None-Match` decides when present; otherwise `If-Modified-Since`.
    static func isNotModified(_ headers: HTTPFields, tag: String, modified: Date) -> Bool {
        let noneMatch = headers[values: .ifNoneMatch]
        if !noneMatch.isEmpty {
            let tags = noneMatch.flatMap { $0.split(separator: ",") }.map {
                let trimmed = $0.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed
            }
            return tags.contains("*") || tags.contains(tag)
        }
        guard let since = headers[.ifModifiedSince].flatMap(parseHTTPDate) else { return false }
        return modified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDate(_ date: Date) -> String { HTTPDate.format(date) }

    /// The IMF-fixdate form of an HTTP date (the only one senders may generate), or nil.
    static func parseHTTPDate(_ text: String) -> Date? { HTTPDate.parse(text) }
}
