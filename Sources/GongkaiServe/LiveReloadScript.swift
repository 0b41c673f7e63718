import Foundation
import GongkaiContent

/// The script added to every HTML page the preview server sends (never to the files in the output
/// folder): it listens for rebuilds over server-sent events, reloads the page after a good build and
/// shows the errors of a failed one over the last good page.
public enum LiveReloadScript {
    public static let eventsPath = "/__gongkai/events"

    /// Overlay wording, in the language of the command line.
    static func texts(_ language: Language) -> (title: String, hint: String, close: String) {
        language == .en
            ? (
                "The site could not be rebuilt. Close this message to see the last version that built.",
                "Fix the file and save it: this page reloads by itself.", "Close"
            )
            : (
                "网站生成出错。关闭本提示可查看上一次成功生成的网页。",
                "改正文件并保存后，本页会自动刷新。", "关闭"
            )
    }

    /// `<script>…</script>` carrying the current status.
    public static func snippet(_ status: BuildStatus, language: Language) -> String {
        let text = texts(language)
        return """
            <script id="gongkai-live-reload">
            (function () {
              var page = \(status.json(language));
              var title = \(jsString(text.title)), hint = \(jsString(text.hint)), closeLabel = \(jsString(text.close));
              var box = null;
              function hide() { if (box && box.parentNode) { box.parentNode.removeChild(box); } box = null; }
              function show(status) {
                hide();
                if (status.ok || !status.errors.length) { return; }
                box = document.createElement("div");
                box.id = "gongkai-error-overlay";
                box.setAttribute("role", "alert");
                box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#fff;" +
                  "color:#1a1a1a;font:18px/1.6 system-ui,'PingFang SC','Microsoft YaHei',sans-serif;padding:24px;border-top:8px solid #b00020";
                var heading = document.createElement("h2");
                heading.textContent = title;
                heading.style.cssText = "margin:0 0 16px;color:#b00020;font-size:24px";
                box.appendChild(heading);
                var list = document.createElement("ol");
                status.errors.forEach(function (e) {
                  var item = document.createElement("li");
                  item.style.margin = "0 0 12px";
                  var where = document.createElement("code");
                  where.textContent = e.file + (e.line ? ":" + e.line : "");
                  where.style.cssText = "display:block;font-weight:bold;font-size:18px";
                  var message = document.createElement("div");
                  message.textContent = e.message;
                  item.appendChild(where);
                  item.appendChild(message);
                  list.appendChild(item);
                });
                box.appendChild(list);
                var foot = document.createElement("p");
                foot.textContent = hint;
                box.appendChild(foot);
                var close = document.createElement("button");
                close.textContent = closeLabel;
                close.style.cssText = "font-size:18px;min-width:88px;min-height:44px";
                close.onclick = hide;
                box.appendChild(close);
                (document.body || document.documentElement).appendChild(box);
              }
              function start() {
                show(page);
                if (!window.EventSource) { return; }
                var events = new EventSource("\(eventsPath)");
                events.addEventListener("hello", function (e) {
                  var now = JSON.parse(e.data);
                  if (now.version !== page.version && now.ok) { location.reload(); } else { show(now); }
                });
                events.addEventListener("reload", function () { location.reload(); });
                events.addEventListener("build-error", function (e) { show(JSON.parse(e.data)); });
              }
              if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
            })();
            </script>
            """
    }

    /// The page with the snippet placed just before its last `</body>` (or at the end).
    public static func inject(into html: String, status: BuildStatus, language: Language) -> String {
        let script = snippet(status, language: language)
        if let range = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            var out = html
            out.insert(contentsOf: script + "\n", at: range.lowerBound)
            return out
        }
        return html + "\n" + script + "\n"
    }

    /// A JavaScript string literal (JSON string rules, `<` escaped).
    static func jsString(_ text: String) -> String { JSONText.string(text, forScript: true) }
}
