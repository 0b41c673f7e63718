import FlyingFox
import Foundation
import GongkaiContent

/// Answers the browser: files of the output folder (HTML with the live-reload script added), the
/// site's 404 page, the event stream, and a status document for scripts.
struct PreviewHandler: HTTPHandler {
    static let statusPath = "/__gongkai/status"

    let output: OutputFolder
    let hub: ReloadHub

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            var response = await plain(.methodNotAllowed, zh: "只支持 GET 和 HEAD 请求。", en: "Only GET and HEAD are supported.")
            response.headers[HTTPHeader("Allow")] = "GET, HEAD"
            return response
        }
        let raw = request.target.path(percentEncoded: true)
        let head = request.method == .HEAD
        switch raw {
        case LiveReloadScript.eventsPath:
            return await events(head: head)
        case Self.statusPath:
            let status = await hub.status
            return respond(.ok, type: "application/json; charset=utf-8", Array(status.json(hub.language).utf8), head: head)
        default:
            break
        }
        switch RequestPath.parse(raw) {
        case .failure(.badRequest):
            return await plain(.badRequest, zh: "请求的网址无效。", en: "The address is not valid.")
        case .failure(.hidden):
            return await notFound(head: head)
        case .success(let path):
            return await serve(path, head: head)
        }
    }

    private func serve(_ path: RequestPath, head: Bool) async -> HTTPResponse {
        switch output.lookup(path) {
        case .file(let absolute, let relative):
            guard let bytes = SiteFiles.readBytes(absolute) else { return await notFound(head: head) }
            let type = MediaType.forPath(relative)
            if MediaType.isHTML(relative) {
                return respond(.ok, type: type, await withScript(bytes), head: head)
            }
            return respond(.ok, type: type, bytes, head: head)
        case .redirect(let location):
            var response = respond(.movedPermanently, type: "text/plain; charset=utf-8", [], head: head)
            response.headers[.location] = location
            return response
        case .notFound:
            return await notFound(head: head)
        case .noOutput:
            return await notBuiltYet(head: head)
        }
    }

    private func events(head: Bool) async -> HTTPResponse {
        var headers: HTTPHeaders = [:]
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPHeader("X-Accel-Buffering")] = "no"
        if head { return HTTPResponse(statusCode: .ok, headers: headers) }
        let stream = await hub.subscribe()
        return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: EventStreamBody(stream: stream)))
    }

    /// The site's 404.html with status 404, or a short page when the site has none.
    private func notFound(head: Bool) async -> HTTPResponse {
        let body = output.notFoundPage() ?? Array(page(zh: "找不到这个网页。", en: "There is no such page.").utf8)
        return respond(.notFound, type: "text/html; charset=utf-8", await withScript(body), head: head)
    }

    /// Before the first good build: the errors (through the overlay) and a line saying why.
    private func notBuiltYet(head: Bool) async -> HTTPResponse {
        let body = Array(
            page(
                zh: "网站还没有成功生成过。请按提示改正错误，保存后本页会自动刷新。",
                en: "The site has not been built yet. Fix the errors shown; this page reloads when you save."
            ).utf8)
        return respond(.serviceUnavailable, type: "text/html; charset=utf-8", await withScript(body), head: head)
    }

    private func plain(_ status: HTTPStatusCode, zh: String, en: String) async -> HTTPResponse {
        respond(status, type: "text/plain; charset=utf-8", Array(((hub.language == .en ? en : zh) + "\n").utf8), head: false)
    }

    private func page(zh: String, en: String) -> String {
        let english = hub.language == .en
        return "<!DOCTYPE html>\n<html lang=\"\(english ? "en" : "zh-CN")\"><head><meta charset=\"utf-8\"><title>Gongkai</title></head>"
            + "<body><p style=\"font-size:20px\">\(english ? en : zh)</p></body></html>\n"
    }

    private func withScript(_ bytes: [UInt8]) async -> [UInt8] {
        let status = await hub.status
        return Array(LiveReloadScript.inject(into: String(decoding: bytes, as: UTF8.self), status: status, language: hub.language).utf8)
    }

    private func respond(_ status: HTTPStatusCode, type: String, _ body: [UInt8], head: Bool) -> HTTPResponse {
        var headers: HTTPHeaders = [:]
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
        if head {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        return HTTPResponse(statusCode: status, headers: headers, body: Data(body))
    }
}
