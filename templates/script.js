// Gongkai: the 大字版 (large text) switch. Remembered in localStorage on this device only;
// no cookies, no tracking. Pages work the same without JavaScript.
(function () {
  var root = document.documentElement;
  var key = "gongkai-large-text";
  var stored = null;
  try { stored = window.localStorage.getItem(key); } catch (e) {}
  if (stored === "1") root.classList.add("large-text");
  var button = document.getElementById("text-size");
  if (!button) return;
  button.hidden = false;
  function sync() {
    var on = root.classList.contains("large-text");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? "标准字号" : "大字版";
  }
  sync();
  button.addEventListener("click", function () {
    root.classList.toggle("large-text");
    try { window.localStorage.setItem(key, root.classList.contains("large-text") ? "1" : "0"); } catch (e) {}
    sync();
  });
})();

// 打印公告: the print button of the print view.
(function () {
  var button = document.getElementById("print-now");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();

// 站内搜索 box in the header: it needs JavaScript (the search runs in the browser), so it is shown
// only when scripts run; without them the navigation's lists remain. The search page has its own.
(function () {
  var box = document.querySelector(".site-search");
  if (!box || document.getElementById("search-form")) return;
  box.hidden = false;
})();


// A table wider than the screen: the theme says above it that it scrolls sideways, and the keyboard
// can scroll it. Checked again when the window or the text size (a click) changes.
(function () {
  var boxes = document.querySelectorAll(".table-wrap");
  function check() {
    [].forEach.call(boxes, function (b) {
      var wide = b.scrollWidth > b.clientWidth + 1;
      b.classList.toggle("wide", wide);
      wide ? b.tabIndex = 0 : b.removeAttribute("tabindex");
    });
  }
  if (boxes.length) { check(); addEventListener("resize", check); addEventListener("click", check); }
})();

// 朗读 (read aloud): see page.mustache. Pause stops the speech; 继续 starts that sentence again.
(function () {
  var box = document.getElementById("read-aloud");
  if (!box) return;
  var start = box.querySelector(".read-start"), stop = box.querySelector(".read-stop"), status = box.querySelector(".read-status");
  var synth = window.speechSynthesis, voice, voices = 0, parts, at = 0, state = "", current, marked;
  box.hidden = false;
  function say(text) { status.textContent = text; }
  if (!synth || !window.SpeechSynthesisUtterance) return off("本浏览器不能朗读，请换用手机或电脑自带的浏览器");
  function off(text) { start.disabled = true; say(text); }
  function findVoice() {
    var list = synth.getVoices() || [], best = 0;
    voices = list.length;
    voice = null;
    for (var i = 0; i < list.length; i++) {
      var lang = String(list[i].lang).replace("_", "-").toLowerCase();
      var s = (/^(zh|cmn)-(cn|hans)/.test(lang) ? 2 : /^(zh|cmn)\b/.test(lang) ? 1 : 0) + (list[i].localService ? 0.5 : 0);
      if (s > best && s >= 1) { best = s; voice = list[i]; }
    }
    return voices;
  }
  var none = "本设备没有可用的朗读语音，无法朗读。可在手机或电脑的系统设置里添加中文语音";
  if (!findVoice()) {
    synth.addEventListener("voiceschanged", function () { if (findVoice() && start.disabled) { start.disabled = false; say(""); } });
    setTimeout(function () { if (!findVoice()) off(none); }, 3000);
  }
  function clean(text) { return String(text).replace(/\s+/g, " ").trim(); }
  // Whole sentences, up to about 120 characters a piece: some engines stop on long texts.
  function add(el, text) {
    var all = clean(text).match(/[^。！？；!?;]+[。！？；!?;]*[”’」』）)]*\s*/g) || [], piece = "";
    for (var i = 0; i <= all.length; i++) {
      if (piece && (i == all.length || piece.length + all[i].length > 120)) { parts.push({ el: el, text: piece.trim() }); piece = ""; }
      piece += all[i] || "";
    }
  }
  function items(list) {
    for (var li = list.firstElementChild, n = 1; li; li = li.nextElementSibling, n++) {
      var own = "", nested = [];
      for (var node = li.firstChild; node; node = node.nextSibling) {
        if (/^(UL|OL|TABLE)$/.test(node.tagName)) nested.push(node); else own += node.textContent;
      }
      if (clean(own)) add(li, (list.tagName == "OL" ? (li.value || n) + "、" : "") + own);
      nested.forEach(function (x) { walk([x]); });
    }
  }
  // Row by row, each value with its column's name: “第1行：项目，办公费；金额，1200元”.
  function table(t) {
    var names = [], rows = [], i, c, col, head = t.tHead && t.tHead.rows[0];
    if (head) for (c = 0, col = 0; c < head.cells.length; col += head.cells[c++].colSpan) names[col] = clean(head.cells[c].textContent);
    for (i = 0; i < t.rows.length; i++) if (t.rows[i].parentNode != t.tHead) rows.push(t.rows[i]);
    add(t.caption || t, (t.caption ? clean(t.caption.textContent) + "，" : "") + "表格共" + rows.length + "行");
    rows.forEach(function (row, r) {
      var said = [];
      for (c = 0, col = 0; c < row.cells.length; col += row.cells[c++].colSpan) {
        var value = clean(row.cells[c].textContent), name = names[col] || "", unit = /^(.*?)\s*[（(](?:单位[:：])?([^（）()]{1,3})[）)]$/.exec(name);
        var n = /^([-−+]?)([\d,，]+)(?:\.(\d+))?$/.exec(value);
        if (n) {
          value = (n[1] && n[1] != "+" ? "负" : "") + n[2].replace(/[,，]/g, "");
          var d = (n[3] || "").replace(/0+$/, "");
          if (unit && unit[2] == "元" && d.length <= 2) value += "元" + (d[0] > 0 ? d[0] + "角" : d ? "零" : "") + (d[1] > 0 ? d[1] + "分" : "");
          else value += (d ? "." + d : "") + (unit ? unit[2] : "");
          if (unit) name = unit[1];
        }
        if (value) said.push(name && name != value ? name + "，" + value : value);
      }
      if (said.length) add(row, "第" + (r + 1) + "行：" + said.join("；"));
    });
  }
  function walk(list) {
    for (var i = 0; i < list.length; i++) {
      var c = list[i], tag = c.tagName, img = c.querySelector("img[alt]") || c;
      if (c.hidden || /^(HR|SCRIPT|STYLE)$/.test(tag)) continue;
      if (tag == "TABLE") table(c);
      else if (tag == "UL" || tag == "OL") items(c);
      else if (/^(DIV|SECTION|FIGURE|BLOCKQUOTE|DETAILS|ASIDE)$/.test(tag) && c.querySelector("p,div,table,ul,ol,h2,h3,h4,pre,figcaption")) walk(c.children);
      else add(c, clean(c.textContent) || (img.alt ? "图片：" + img.alt : ""));
    }
  }
  function collect() {
    var article = box.closest("article");
    parts = [];
    walk(article.querySelectorAll("h1, .notice-box"));
    [].forEach.call(article.querySelectorAll(".fields > div"), function (f) { add(f, f.firstChild.textContent + "：" + f.lastChild.textContent); });
    walk(article.querySelector(".content").children);
  }
  function mark(el) {
    if (marked) marked.classList.remove("reading");
    if (!(marked = el)) return;
    el.classList.add("reading");
    var r = el.getBoundingClientRect(), h = window.innerHeight;
    if (r.top < 0 || r.bottom > h) el.scrollIntoView({ block: r.height > h ? "start" : "center", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
  }
  function finish(text) {
    state = current = "";
    synth.cancel();
    mark(null);
    start.textContent = "朗读全文";
    stop.hidden = true;
    say(text);
  }
  function next() {
    if (at >= parts.length) return finish("朗读完毕");
    var u = current = new SpeechSynthesisUtterance(parts[at].text);
    u.lang = voice ? voice.lang.replace("_", "-") : "zh-CN";
    try { if (voice) u.voice = voice; } catch (e) {}
    u.rate = 0.9;
    u.onend = function () { if (u == current) { at++; next(); } };
    u.onerror = function (e) {
      if (u == current && !/interrupted|canceled/.test(e.error)) finish(e.error == "not-allowed" ? "浏览器没有允许朗读，请再按一次“朗读全文”" : /unavailable|audio/.test(e.error) ? none : "朗读中断了，请再试一次");
    };
    mark(parts[at].el);
    synth.speak(u);
  }
  start.addEventListener("click", function () {
    if (state == "reading") {
      state = "paused";
      current = "";
      synth.cancel();
      start.textContent = "继续";
      return say("已暂停，按“继续”从这一句接着读");
    }
    if (!state) {
      if (!findVoice()) return off(none);
      collect();
      at = 0;
      stop.hidden = false;
    }
    state = "reading";
    start.textContent = "暂停";
    say(voice ? "正在朗读" : "正在朗读（本设备没有中文语音，可能读不准）");
    if (synth.speaking || synth.pending) synth.cancel();
    next();
  });
  stop.addEventListener("click", function () { finish("已停止朗读"); start.focus(); });
  addEventListener("pagehide", function () { if (state) synth.cancel(); });
})();
