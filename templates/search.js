// Gongkai 站内搜索. Reads the index built with the site (search/data/): no server, no framework, no
// request to any other site. The index files are scripts that call GongkaiSearch.…, so they load
// from file:// (where reading JSON is refused) and from any sub-path. Only the shards holding the
// query's words and the chunks holding the results shown are loaded.
// Tokens as the build makes them (SearchIndex.swift): a Han character alone, or pairs of them
// (宪法宣传 → 宪法 法宣 宣传), traditional characters read as simplified (fold.js, from OpenCC), and
// words of Latin letters and digits in lower case. Each posting says where the token is on the page:
// title, summary (or front-matter fields), body.
// Ranking (see rank()): pages that have every token of the query come first, and only they are shown
// when there are any; else the pages with part of them, labelled as partial matches. Within each, a
// page scores for each unbroken stretch of the query it has — longer stretches score more than the
// same pairs scattered (a stretch of n pairs counts n²) — weighted by where the stretch is (title ×3,
// summary ×2, body ×1) and by how rare its tokens are on the site (ln(1 + pages / pages having the
// token): 垃圾 tells more than 怎么), plus a little when two words of the query also meet on the
// page; equal scores go newest first.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.Promise) return;
  var input = document.getElementById("search-q");
  var villageSelect = document.getElementById("search-village");
  var kindSelect = document.getElementById("search-kind");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreButton = document.getElementById("search-more");
  var fallback = document.getElementById("search-fallback");
  var dataBase = form.getAttribute("data-index") || "data/";
  var knownShards = parseInt(form.getAttribute("data-shards"), 10) || 0;
  var root = form.getAttribute("data-root") || "../";
  // Results shown at once: ten first (each needs its chunk of the index loaded), twenty more per click.
  var firstBatch = 10, nextBatch = 20;

  var meta = null, shards = {}, chunks = {}, loading = {}, hanFold = {};
  window.GongkaiSearch = {
    meta: function (m) { meta = m; },
    fold: function (pairs) {
      var c = codePoints(pairs);
      for (var i = 0; i + 1 < c.length; i += 2) hanFold[c[i]] = c[i + 1];
    },
    shard: function (n, data) { shards[n] = data; },
    docs: function (n, rows) { chunks[n] = rows; }
  };

  form.hidden = false;

  // Loads data/<name>.js once; the promise settles when the script has run.
  function load(name) {
    if (loading[name]) return loading[name];
    loading[name] = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = dataBase + name + ".js";
      script.onload = function () { resolve(); };
      script.onerror = function () { delete loading[name]; reject(new Error(name)); };
      document.head.appendChild(script);
    });
    return loading[name];
  }

  // --- Tokens: the same rules as SearchIndex.swift.
  function fold(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c >= 0x41 && c <= 0x5A) c += 32;
    return hanFold[c] || c;
  }
  function isHan(c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
  }
  function isWord(c) {
    return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || (c >= 0xC0 && c <= 0x24F && c !== 0xD7 && c !== 0xF7);
  }
  function codePoints(text) {
    var out = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.codePointAt(i);
      if (c > 0xFFFF) i++;
      out.push(c);
    }
    return out;
  }
  // The query's terms (runs of Han characters or of word characters, folded), each with its tokens
  // in order; `tokens`: every token once; `joins`: the pair where one Han term ends and the next
  // begins (两个词挨着 scores a little more), looked up but not required.
  function analyse(query) {
    var terms = [], tokens = [], joins = [], seen = Object.create(null), run = [], runHan = false, lastHan = 0;
    function add(token) { if (!seen[token]) { seen[token] = true; tokens.push(token); } return token; }
    function flush() {
      if (!run.length) return;
      var term = String.fromCodePoint.apply(null, run), own = [];
      if (runHan && run.length > 1) {
        for (var i = 0; i + 1 < run.length; i++) own.push(add(String.fromCodePoint(run[i], run[i + 1])));
      } else {
        own.push(add(term));
      }
      if (runHan && lastHan) {
        var join = String.fromCodePoint(lastHan, run[0]);
        if (!seen[join] && joins.indexOf(join) < 0) joins.push(join);
      }
      lastHan = runHan ? run[run.length - 1] : 0;
      if (!terms.some(function (t) { return t.text === term; })) terms.push({ text: term, tokens: own });
      run = [];
    }
    codePoints(query).forEach(function (raw) {
      var c = fold(raw);
      var kind = isHan(c) ? 1 : isWord(c) ? 2 : 0;
      if (kind === 0 || (run.length && (kind === 1) !== runHan)) flush();
      if (kind !== 0) { runHan = kind === 1; run.push(c); }
    });
    flush();
    joins = joins.filter(function (j) { return !seen[j]; });
    return { terms: terms, tokens: tokens, joins: joins };
  }
  function hash(token) {
    var h = 0x811c9dc5;
    codePoints(token).forEach(function (c) { h ^= c; h = Math.imul(h, 16777619); });
    return h >>> 0;
  }
  var terminal = "0123456789abcdefghijklmnopqrstuv", continuation = "ABCDEFGHIJKLMNOPQRSTUVWXYZ@#$%&*";
  var digitValue = {};
  for (var d = 0; d < 32; d++) { digitValue[terminal.charCodeAt(d)] = d; digitValue[continuation.charCodeAt(d)] = -1 - d; }
  // Postings: page numbers ascending (newest first), each with its place (0 body, 1 summary,
  // 2 title) in the lowest two bits: number * 4 + place.
  function decode(text) {
    var out = [], value = 0, previous = -1;
    for (var i = 0; i < text.length; i++) {
      var digit = digitValue[text.charCodeAt(i)];
      if (digit === undefined) continue;
      if (digit < 0) { value = value * 32 + (-1 - digit); continue; }
      value = value * 32 + digit;
      var number = previous + 1 + Math.floor(value / 4);
      out.push(number * 4 + (value % 4));
      previous = number;
      value = 0;
    }
    return out;
  }
  // The pages for `analysed`, best first, and whether they are partial matches. `places(token)`:
  // decoded postings of a token, [] when no page has it. The same rules are in the tests
  // (BuiltSearchIndex.rank), which compare the two on built sites.
  function rank(analysed, places, total) {
    // Maps keyed by token have no prototype: a word like "constructor" is a key like any other.
    var count = analysed.tokens.length, pages = {}, numbers = [], rarity = Object.create(null);
    // For each page met, the place of each token (-1: not on the page).
    function entry(n) {
      var e = pages[n];
      if (!e) {
        e = pages[n] = { n: n, at: Object.create(null), matched: 0, score: 0 };
        numbers.push(n);
      }
      return e;
    }
    analysed.tokens.forEach(function (token) {
      var list = places(token);
      rarity[token] = list.length ? Math.log(1 + total / list.length) : 0;
      list.forEach(function (p) {
        var e = entry(Math.floor(p / 4));
        e.at[token] = p % 4;
        e.matched++;
      });
    });
    var joined = {};
    analysed.joins.forEach(function (token) {
      places(token).forEach(function (p) { joined[Math.floor(p / 4) + " " + token] = true; });
    });
    var full = numbers.some(function (n) { return pages[n].matched === count; });
    var chosen = numbers.filter(function (n) { return !full || pages[n].matched === count; });
    chosen.forEach(function (n) {
      var e = pages[n], score = 0;
      analysed.terms.forEach(function (term) {
        // Each unbroken stretch of the term's tokens: its length squared, times its lowest place's
        // weight, times its tokens' mean rarity.
        var length = 0, lowest = 2, rare = 0;
        term.tokens.concat([null]).forEach(function (token) {
          var place = token === null || e.at[token] === undefined ? -1 : e.at[token];
          if (place >= 0) {
            length++;
            rare += rarity[token];
            if (place < lowest) lowest = place;
          } else if (length) {
            score += length * (1 + lowest) * rare;
            length = 0;
            lowest = 2;
            rare = 0;
          }
        });
      });
      analysed.joins.forEach(function (token) { if (joined[n + " " + token]) score += 1; });
      e.score = Math.round(score * 1e6);
    });
    chosen.sort(function (a, b) { return pages[b].score - pages[a].score || a - b; });
    return { pages: chosen, partial: !full && chosen.length > 0 };
  }

  // --- Display.
  function foldText(text) {
    return text.replace(/[\uFF01-\uFF5EA-Z\u3400-\u9FFF\uF900-\uFAFF]/g, function (ch) {
      var c = fold(ch.charCodeAt(0));
      return c > 0xFFFF ? ch : String.fromCharCode(c);
    });
  }
  // Appends `text` to `parent` with each occurrence of a term in <mark>.
  function appendMarked(parent, text, terms) {
    var folded = foldText(text), at = 0;
    while (at < text.length) {
      var best = -1, length = 0;
      terms.forEach(function (term) {
        var i = folded.indexOf(term, at);
        if (i >= 0 && (best < 0 || i < best || (i === best && term.length > length))) { best = i; length = term.length; }
      });
      if (best < 0) break;
      if (best > at) parent.appendChild(document.createTextNode(text.slice(at, best)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(best, best + length);
      parent.appendChild(mark);
      at = best + length;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }
  // About 100 characters of `text` around the first match.
  function snippet(text, terms) {
    var folded = foldText(text), first = -1;
    terms.forEach(function (term) {
      var i = folded.indexOf(term);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    var start = first > 30 ? first - 30 : 0;
    if (start > 0 && text.charCodeAt(start) >= 0xDC00 && text.charCodeAt(start) <= 0xDFFF) start++;
    var end = Math.min(text.length, start + 110);
    if (end < text.length && text.charCodeAt(end - 1) >= 0xD800 && text.charCodeAt(end - 1) <= 0xDBFF) end--;
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }
  function chineseDate(iso) {
    var p = iso.split("-");
    return p.length === 3 ? +p[0] + "年" + +p[1] + "月" + +p[2] + "日" : iso;
  }
  function say(text) {
    status.textContent = text;
  }

  var state = { seq: 0, results: [], shown: 0, terms: [], partial: false };

  function ownerOf(n) {
    var w = meta.ownerWidth;
    return parseInt(meta.pages.substr(n * (w + 1), w), 36);
  }
  function kindOf(n) {
    var w = meta.ownerWidth;
    return +meta.pages.charAt(n * (w + 1) + w);
  }

  function showMore(seq, started) {
    var numbers = state.results.slice(state.shown, state.shown + (state.shown ? nextBatch : firstBatch));
    var needed = {};
    numbers.forEach(function (n) { needed[Math.floor(n / meta.chunk)] = true; });
    return Promise.all(Object.keys(needed).map(function (c) { return load("d" + c); })).then(function () {
      if (seq !== state.seq) return;
      numbers.forEach(function (n) {
        var row = (chunks[Math.floor(n / meta.chunk)] || [])[n % meta.chunk];
        if (!row) return;
        var item = document.createElement("li");
        item.className = "item result";
        var link = document.createElement("a");
        link.className = "item-title";
        link.href = root + row[1];
        appendMarked(link, row[0], state.terms);
        item.appendChild(link);
        var info = document.createElement("p");
        info.className = "item-meta";
        if (state.partial) {
          var partial = document.createElement("span");
          partial.className = "partial-tag";
          partial.textContent = "部分匹配";
          info.appendChild(partial);
          info.appendChild(document.createTextNode(" "));
        }
        var kind = document.createElement("span");
        kind.className = "kind-tag";
        kind.textContent = (meta.kinds[kindOf(n)] || ["", ""])[1];
        var owner = document.createElement("span");
        owner.textContent = (meta.owners[ownerOf(n)] || ["", ""])[1];
        var time = document.createElement("time");
        time.setAttribute("datetime", row[2]);
        time.textContent = chineseDate(row[2]);
        info.appendChild(kind);
        info.appendChild(document.createTextNode(" "));
        info.appendChild(owner);
        info.appendChild(document.createTextNode(" "));
        info.appendChild(time);
        item.appendChild(info);
        if (row[3]) {
          var text = document.createElement("p");
          text.className = "item-summary result-snippet";
          appendMarked(text, snippet(row[3], state.terms), state.terms);
          item.appendChild(text);
        }
        list.appendChild(item);
      });
      state.shown += numbers.length;
      moreButton.hidden = state.shown >= state.results.length;
      if (started !== undefined) {
        // For tests and bench/search: time from this query, and from the page's start.
        status.setAttribute("data-ms", String(Math.round(performance.now() - started)));
        status.setAttribute("data-at", String(Math.round(performance.now())));
      }
    });
  }

  function remember(query) {
    var params = [];
    if (query) params.push("q=" + encodeURIComponent(query));
    if (villageSelect && villageSelect.value) params.push("v=" + encodeURIComponent(villageSelect.value));
    if (kindSelect && kindSelect.value) params.push("k=" + encodeURIComponent(kindSelect.value));
    try { history.replaceState(null, "", "?" + params.join("&")); } catch (e) { /* file:// in some browsers */ }
  }

  function run() {
    var started = performance.now();
    var seq = ++state.seq;
    var query = input.value.trim();
    remember(query);
    list.textContent = "";
    moreButton.hidden = true;
    state.results = [];
    state.shown = 0;
    state.terms = [];
    state.partial = false;
    status.removeAttribute("data-ms");
    status.removeAttribute("data-at");
    if (fallback) fallback.hidden = query.length > 0;
    if (!query) { say(""); return Promise.resolve(); }
    // Traditional characters are read as simplified once fold.js is in (it loads with the page);
    // without it the query is searched as typed.
    return load("fold").catch(function () {}).then(function () {
      if (seq !== state.seq) return;
      var analysed = analyse(query);
      // Marked in titles and snippets: the whole terms where they occur, else their pairs.
      state.terms = analysed.terms.map(function (t) { return t.text; }).concat(analysed.tokens);
      if (!analysed.tokens.length) { say("请输入要找的字词，如“宪法”“低保”。"); return; }
      say("正在搜索……");
      var wanted = analysed.tokens.concat(analysed.joins);
      // The page says how many shards there are, so they load alongside the page list.
      function loadShards(count) {
        var needed = {};
        wanted.forEach(function (token) { needed[hash(token) & (count - 1)] = true; });
        return Promise.all(Object.keys(needed).map(function (n) { return load("t" + n); }));
      }
      var early = knownShards > 0 ? loadShards(knownShards) : null;
      return load("meta").then(function () {
        var mask = meta.shards - 1;
        return (early && meta.shards === knownShards ? early : loadShards(meta.shards)).then(function () {
          if (seq !== state.seq) return;
          var ownerFilter = -1, kindFilter = -1;
          if (villageSelect && villageSelect.value) {
            meta.owners.forEach(function (o, i) { if (o[0] === villageSelect.value) ownerFilter = i; });
          }
          if (kindSelect && kindSelect.value) {
            meta.kinds.forEach(function (k, i) { if (k[0] === kindSelect.value) kindFilter = i; });
          }
          var filtering = ownerFilter >= 0 || kindFilter >= 0;
          function places(token) {
            // Postings are text: a word like "constructor" names a property every object has, not a posting.
            var postings = (shards[hash(token) & mask] || {})[token];
            if (typeof postings !== "string" || !postings) return [];
            var all = decode(postings);
            if (!filtering) return all;
            return all.filter(function (p) {
              var n = Math.floor(p / 4);
              return (ownerFilter < 0 || ownerOf(n) === ownerFilter) && (kindFilter < 0 || kindOf(n) === kindFilter);
            });
          }
          var ranked = rank(analysed, places, meta.count);
          state.results = ranked.pages;
          state.partial = ranked.partial;
          var filtered = filtering ? "（已按条件筛选）" : "";
          if (!ranked.pages.length) {
            say("没有找到包含“" + query + "”的内容" + filtered + "。可以换个说法，或按栏目浏览。");
            status.setAttribute("data-ms", String(Math.round(performance.now() - started)));
            status.setAttribute("data-at", String(Math.round(performance.now())));
            return;
          }
          if (ranked.partial) {
            say("没有同时包含“" + query + "”全部字词的内容" + filtered + "。以下 " + ranked.pages.length +
                " 条包含其中一部分（部分匹配），最接近的在前。");
          } else {
            say("“" + query + "”共找到 " + ranked.pages.length + " 条结果" + filtered + "，最相关的在前。");
          }
          return showMore(seq, started);
        });
      });
    }).catch(function () {
      if (seq === state.seq) say("搜索索引未能载入。请确认网站文件完整，或按栏目浏览。");
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", function (event) { if (!event.isComposing) run(); });
  input.addEventListener("compositionend", function () { run(); });
  [villageSelect, kindSelect].forEach(function (select) { if (select) select.addEventListener("change", run); });
  moreButton.addEventListener("click", function () { showMore(state.seq); });

  // The page list is needed by every query: read it while the reader types the first one.
  load("meta").catch(function () {});
  load("fold").catch(function () {});

  // A query in the address (search/index.html?q=宪法) runs at once, so searches can be linked.
  var params = {};
  location.search.replace(/^\?/, "").split("&").forEach(function (pair) {
    var i = pair.indexOf("=");
    if (i < 0) return;
    try { params[pair.slice(0, i)] = decodeURIComponent(pair.slice(i + 1).replace(/\+/g, " ")); } catch (e) {}
  });
  if (params.v && villageSelect) villageSelect.value = params.v;
  if (params.k && kindSelect) kindSelect.value = params.k;
  if (params.q) { input.value = params.q; run(); }
})();
