#!/usr/bin/env python3
"""朗读 and 扫码在手机上看 (issue 21) as a reader's browser sees them.

    tests/reader/read_aloud.py GONGKAI_BINARY

Writes a small site to a temporary folder, builds it with the real binary (with and without
base-url) and opens its pages from file:// in headless Chromium (Debian's chromium and
chromium-driver, through Selenium):

- the 朗读 control is a real button, reachable and usable from the keyboard, with a live status;
  axe-core finds no serious or critical violation at 375 and 1280 px, while reading, in 大字版;
- pressing it calls the browser's speechSynthesis.speak with the page's text in reading order (the
  title, the fields, the paragraphs in whole sentences, the list items, the table row by row with
  each column's name), in the zh-CN voice; the part being read is highlighted; pause, continue and
  stop behave; the page loads nothing from another host;
- when the browser has no speechSynthesis, or the device no voice (the test controls getVoices; it
  also reports what this Chromium really has), the control says so; voices that arrive late
  (voiceschanged) enable it;
- the QR code of an item and a village page shows at 1280 px and decodes (zbarimg) to the page's
  public address; at 375 px and in print it is hidden and not even downloaded; without base-url
  there is none.

The browser's speech engine is observed, not our code replaced: a script run before the page's own
wraps speechSynthesis.speak/cancel to record the utterances (the recorder acts as the engine and
fires `end` when the test says so) and, where the test says so, answers getVoices.

Prints one line per check and closes with `N passed, N failed`; exit status 1 when anything failed.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse

BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/gongkai")
results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(("PASS " if ok else "FAIL ") + name + (f": {detail}" if detail and not ok else ""), flush=True)


ITEM = "villages/xinghua/notices/2026-11-08-防范电信网络诈骗.html"
VILLAGE = "villages/xinghua/index.html"

SITE = {
    "site.yaml": "title: 白鹭镇测试门户\nlanguage: zh-CN\nbase-url: https://example.org/bailu/\nas-of: 2026-11-23\n",
    "content/villages/xinghua/_village.md": "---\nname: 杏花村\ntype: village\n---\n杏花村位于白鹭镇东部。\n",
    "content/villages/xinghua/notices/2026-11-08-防范电信网络诈骗.md": """---
title: 防范电信网络诈骗告村民书
date: 2026-11-08
law: 中华人民共和国反电信网络诈骗法
issuer: 杏花村村民委员会
---
近期，冒充客服退款的诈骗电话增多。请全体村民提高警惕！

## 一、常见骗术

1. 冒充快递客服，说包裹丢了要理赔。
2. 冒充公安机关，说账户涉嫌洗钱。

## 二、本月宣传经费

```csv 2026年11月宣传经费
项目,金额（元）,备注
宣传单印刷,1200,两千份
横幅制作,350.50,
退回押金,-100,
合计,1450.50,
```

村委会将在每月初组织一次反诈宣传，由驻村民警讲解最新的诈骗手法和防范办法。接到陌生电话要求转账的，请先挂断电话，再向家人或村干部核实。遇到可疑情况，请拨打全国反诈专线九六一一零咨询，也可以直接到村委会找驻村民警。上当受骗后，请立即拨打一一零报警，并保存好聊天记录和转账凭证。
""",
}

EXPECTED = [
    ("H1", "防范电信网络诈骗告村民书"),
    ("DIV", "依据法规：中华人民共和国反电信网络诈骗法"),
    ("DIV", "发布单位：杏花村村民委员会"),
    ("P", "近期，冒充客服退款的诈骗电话增多。请全体村民提高警惕！"),
    ("H2", "一、常见骗术"),
    ("LI", "1、冒充快递客服，说包裹丢了要理赔。"),
    ("LI", "2、冒充公安机关，说账户涉嫌洗钱。"),
    ("H2", "二、本月宣传经费"),
    ("CAPTION", "2026年11月宣传经费，表格共4行"),
    ("TR", "第1行：项目，宣传单印刷；金额，1200元；备注，两千份"),
    ("TR", "第2行：项目，横幅制作；金额，350元5角"),
    ("TR", "第3行：项目，退回押金；金额，负100元"),
    ("TR", "第4行：项目，合计；金额，1450元5角"),
    # A long paragraph in pieces of whole sentences, up to 120 characters each (106, then 31).
    ("P", "村委会将在每月初组织一次反诈宣传，由驻村民警讲解最新的诈骗手法和防范办法。接到陌生电话要求转账的，请先挂断电话，再向家人或村干部核实。遇到可疑情况，请拨打全国反诈专线九六一一零咨询，也可以直接到村委会找驻村民警。"),
    ("P", "上当受骗后，请立即拨打一一零报警，并保存好聊天记录和转账凭证。"),
]

CHINESE_VOICES = [{"name": "English", "lang": "en-US", "localService": True},
                  {"name": "國語", "lang": "zh-TW", "localService": True},
                  {"name": "普通话", "lang": "zh_CN", "localService": True}]

# Runs before the page's scripts: records what the page asks of speechSynthesis. `mode` is a list
# of voices getVoices answers, "real" (the browser's own answer) or "missing" (no speechSynthesis).
RECORDER = """
(function (mode) {
  if (mode === "missing") { Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true }); return; }
  var log = window.__tts = { spoken: [], langs: [], cancels: 0, utterances: [], voices: mode };
  if (mode !== "real") speechSynthesis.getVoices = function () { return log.voices; };
  speechSynthesis.speak = function (u) { log.utterances.push(u); log.spoken.push(u.text); log.langs.push(u.lang); };
  var cancel = speechSynthesis.cancel.bind(speechSynthesis);
  speechSynthesis.cancel = function () { log.cancels++; cancel(); };
  function last() { return log.utterances[log.utterances.length - 1]; }
  log.end = function () { last().dispatchEvent(new Event("end")); };
  log.fail = function (error) { last().dispatchEvent(new SpeechSynthesisErrorEvent("error", { utterance: last(), error: error })); };
  log.arrive = function (voices) { log.voices = voices; speechSynthesis.dispatchEvent(new Event("voiceschanged")); };
})(%s);
"""


def build(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
    out = os.path.join(root, "public")
    proc = subprocess.run([BINARY, "build", "--quiet", "--site", root, "--output", out], capture_output=True, text=True)
    check(f"gongkai build of the fixture ({'with' if 'base-url' in files['site.yaml'] else 'without'} base-url)",
          proc.returncode == 0, proc.stdout + proc.stderr)
    return out


class Browser:
    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
        options = Options()
        for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
            options.add_argument(arg)
        options.binary_location = "/usr/bin/chromium"
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.injected = None

    def open(self, url, width=1280, voices=None):
        """Opens `url` at `width` px with the recorder in `voices` mode (None: no recorder)."""
        d = self.driver
        if self.injected:
            d.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": self.injected})
            self.injected = None
        if voices is not None:
            mode = json.dumps(voices)
            self.injected = d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER % mode})["identifier"]
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        d.set_window_size(width, 900)
        d.get(url)
        self.js("localStorage.clear()")

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def wait(self, condition, timeout=8.0):
        """Polls the JS expression `condition` until it is truthy; returns its last value."""
        end = time.time() + timeout
        while True:
            value = self.js("return " + condition)
            if value or time.time() > end:
                return value
            time.sleep(0.1)

    def control(self):
        return self.js("""var b = document.getElementById('read-aloud');
          var s = b.querySelector('.read-start'), t = b.querySelector('.read-stop'), st = b.querySelector('.read-status');
          return {shown: !b.hidden && b.offsetParent !== null, start: s.textContent, disabled: s.disabled, startTag: s.tagName,
                  stopShown: !t.hidden && t.offsetParent !== null, status: st.textContent, statusRole: st.getAttribute('role'),
                  reading: document.querySelectorAll('.reading').length, focus: document.activeElement === s};""")

    def press(self, which, key=None):
        from selenium.webdriver.common.keys import Keys
        element = self.driver.find_element("css selector", "#read-aloud ." + which)
        if key:
            self.js("arguments[0].focus()", element)
            element.send_keys(getattr(Keys, key))
        else:
            element.click()

    def quit(self):
        self.driver.quit()


def reading_order(b, url):
    b.open(url, voices=CHINESE_VOICES)
    c = b.control()
    check("朗读 control is shown when scripts run, as a <button> with a role=status live region",
          c["shown"] and c["startTag"] == "BUTTON" and c["statusRole"] == "status" and c["start"] == "朗读全文"
          and not c["disabled"] and not c["stopShown"], c)
    b.press("read-start", key="ENTER")
    heard = []
    for _ in range(60):
        count = len(heard)
        if not b.wait(f"window.__tts.spoken.length > {count} || document.querySelector('.read-status').textContent === '朗读完毕'"):
            break
        state = b.js("var r = document.querySelectorAll('.reading'); return {n: __tts.spoken.length, text: __tts.spoken[__tts.spoken.length - 1],"
                     " lang: __tts.langs[__tts.langs.length - 1], mark: r.length === 1 ? r[0].tagName : r.length,"
                     " done: document.querySelector('.read-status').textContent === '朗读完毕'}")
        if state["done"]:
            break
        heard.append((state["mark"], state["text"], state["lang"]))
        b.js("__tts.end()")
    check("the page is read in order: title, fields, text, list items, the table row by row with column names",
          [t for _, t, _ in heard] == [t for _, t in EXPECTED], json.dumps([t for _, t, _ in heard], ensure_ascii=False, indent=1))
    check("each part being read is highlighted (one element, of the part's kind)",
          [m for m, _, _ in heard] == [m for m, _ in EXPECTED], [m for m, _, _ in heard])
    check("the zh-CN voice is asked for (zh_CN of an Android-style list normalised; not en-US or zh-TW)",
          heard and all(lang == "zh-CN" for _, _, lang in heard), {lang for _, _, lang in heard})
    c = b.control()
    check("after the last part: 朗读完毕, the button back to 朗读全文, no highlight, no 停止",
          c["status"] == "朗读完毕" and c["start"] == "朗读全文" and c["reading"] == 0 and not c["stopShown"], c)
    others = b.js("return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith('file:'))")
    check("the page loads nothing from another host while reading", others == [], others)


def pause_and_stop(b, url):
    b.open(url, voices=CHINESE_VOICES)
    b.press("read-start")
    b.wait("__tts.spoken.length === 1")
    b.js("__tts.end()")
    b.wait("__tts.spoken.length === 2")
    c = b.control()
    check("while reading: the button says 暂停, 停止 is shown, the status says 正在朗读",
          c["start"] == "暂停" and c["stopShown"] and c["status"] == "正在朗读", c)
    cancels = b.js("return __tts.cancels")
    b.press("read-start", key="SPACE")
    c = b.control()
    check("暂停 (Space key) stops the speech: cancel called, the button says 继续, the status 已暂停…, the highlight stays",
          b.js("return __tts.cancels") > cancels and c["start"] == "继续" and c["status"].startswith("已暂停") and c["reading"] == 1, c)
    b.js("__tts.end()")  # the engine ends the utterance it was cut off in: nothing more is said
    time.sleep(0.3)
    check("nothing is spoken while paused", b.js("return __tts.spoken.length") == 2, b.js("return __tts.spoken"))
    b.press("read-start")
    b.wait("__tts.spoken.length === 3")
    spoken = b.js("return __tts.spoken")
    check("继续 starts the paused sentence again", len(spoken) == 3 and spoken[2] == spoken[1] == EXPECTED[1][1], spoken)
    b.press("read-stop", key="ENTER")
    c = b.control()
    check("停止 (Enter key) stops: 已停止朗读, the button back to 朗读全文 and focused, no highlight, no 停止",
          c["status"] == "已停止朗读" and c["start"] == "朗读全文" and c["focus"] and c["reading"] == 0 and not c["stopShown"], c)
    b.press("read-start")
    b.wait("__tts.spoken.length === 4")
    check("朗读全文 after 停止 starts again from the title", b.js("return __tts.spoken[3]") == EXPECTED[0][1], b.js("return __tts.spoken"))
    b.js("__tts.fail('not-allowed')")
    c = b.control()
    check("an engine error is said, not swallowed (not-allowed: press again)",
          "没有允许朗读" in c["status"] and c["start"] == "朗读全文" and c["reading"] == 0, c)


def no_voice(b, url):
    b.open(url, voices=[])
    shown = b.wait("document.querySelector('.read-status').textContent", timeout=8)
    c = b.control()
    check("no voice on the device (getVoices empty, none arriving): the control says so and the button is disabled",
          c["shown"] and c["disabled"] and "没有可用的朗读语音" in (shown or ""), c)
    b.js("__tts.arrive(arguments[0])", CHINESE_VOICES)
    c = b.control()
    check("voices arriving later (voiceschanged) enable the button and clear the message",
          not c["disabled"] and c["status"] == "", c)
    b.open(url, voices=[])
    b.js("__tts.arrive(arguments[0])", [{"name": "English", "lang": "en-US", "localService": True}])
    b.press("read-start")
    b.wait("__tts.spoken.length === 1")
    c = b.control()
    check("voices but no Chinese one: it reads, asking for zh-CN, and says it may not be right",
          "没有中文语音" in c["status"] and b.js("return __tts.langs[0]") == "zh-CN", c)
    b.open(url, voices="missing")
    c = b.control()
    check("no speechSynthesis in the browser: the control says so and the button is disabled",
          c["shown"] and c["disabled"] and "本浏览器不能朗读" in c["status"], c)
    b.open(url, voices="real")
    real = b.js("return speechSynthesis.getVoices().length")
    b.wait("document.querySelector('.read-status').textContent || false", timeout=5)
    c = b.control()
    if real == 0:
        check("this Chromium really has no voice (0 voices): the control says so",
              c["disabled"] and "没有可用的朗读语音" in c["status"], c)
    else:
        check(f"this Chromium really has {real} voices: the control is usable", not c["disabled"], c)


def accessible(b, url):
    import axe_core_python
    axe_js = open(os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js"), encoding="utf-8").read()
    for width in (375, 1280):
        for large in (False, True):
            b.open(url, width=width, voices=CHINESE_VOICES)
            if large:
                b.driver.find_element("id", "text-size").click()
            b.press("read-start")
            b.wait("__tts.spoken.length === 1")
            for _ in range(9):  # on to the first table row
                b.js("__tts.end()")
            b.wait("document.querySelector('tr.reading') !== null")
            b.js(axe_js)
            found = b.driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: [{target: ['document']}]}]));")
            bad = [v for v in found if v.get("impact") in ("serious", "critical")]
            mode = "大字版" if large else "standard text"
            check(f"axe at {width}px, {mode}, while reading a table row: no serious or critical violations", not bad,
                  "; ".join(f"{v['id']}: {v['help']} e.g. {v['nodes'][0]['target']}" for v in bad))
            sizes = b.js("""var r = [...document.querySelectorAll('#read-aloud button')].filter(x => !x.hidden).map(x => x.getBoundingClientRect());
              return {minHeight: Math.min(...r.map(x => x.height)), minWidth: Math.min(...r.map(x => x.width)),
                      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                      inside: r.every(x => x.right <= document.documentElement.clientWidth)};""")
            check(f"at {width}px, {mode}: the buttons are at least 44 px and fit the screen; the page does not scroll sideways",
                  sizes["minHeight"] >= 44 and sizes["minWidth"] >= 44 and sizes["inside"] and sizes["overflow"] <= 0, sizes)


def no_script(public):
    text = open(os.path.join(public, ITEM), encoding="utf-8").read()
    check("without scripts there is no control: it is hidden in the HTML", 'id="read-aloud" hidden>' in text)


def qr_codes(b, public, bare):
    import shutil
    for page in (ITEM, VILLAGE):
        url = "file://" + os.path.join(public, page)
        expected = "https://example.org/bailu/" + urllib.parse.quote(page, safe="/-._~")
        b.open(url, width=1280)
        b.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 3, "mobile": False})
        loaded = b.wait("(function(i){ if (!i) return false; i.scrollIntoView(); return i.complete && i.naturalWidth > 0; })(document.querySelector('.phone-qr img'))")
        figure = b.driver.find_elements("css selector", ".phone-qr")
        check(f"{page} at 1280 px: the QR code is shown with 扫码在手机上看", loaded and figure and figure[0].is_displayed()
              and "扫码在手机上看" in figure[0].text)
        decoded = ""
        if figure:
            with tempfile.TemporaryDirectory() as tmp:
                png = os.path.join(tmp, "qr.png")
                b.driver.find_element("css selector", ".phone-qr img").screenshot(png)
                decoded = subprocess.run(["zbarimg", "--raw", "-q", png], capture_output=True, text=True).stdout.strip()
                if decoded != expected:
                    keep = os.path.join(tempfile.gettempdir(), "gongkai-read-aloud-qr.png")
                    shutil.copy(png, keep)
                    decoded += f" (screenshot kept: {keep})"
        b.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        check(f"{page}: the QR code decodes (zbarimg) to the page's public address", decoded == expected,
              f"decoded {decoded!r}, expected {expected!r}")
        b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        hidden = b.js("return [...document.querySelectorAll('.phone-qr, #read-aloud')].every(e => getComputedStyle(e).display === 'none')")
        check(f"{page} in print: the QR code and the 朗读 control are hidden (the 打印公告 view has its own code)", hidden)
        b.open(url, width=375)
        b.js("window.scrollTo(0, document.body.scrollHeight)")
        time.sleep(1)
        state = b.js("var i = document.querySelector('.phone-qr img'); return {displayed: i.offsetParent !== null, loaded: i.complete && i.naturalWidth > 0};")
        check(f"{page} at 375 px: the QR code is hidden and not downloaded (lazy image never shown)", not state["displayed"] and not state["loaded"], state)
    text = open(os.path.join(bare, ITEM), encoding="utf-8").read()
    check("without base-url: no QR code on the page and no qr/ folder",
          "phone-qr" not in text and not os.path.exists(os.path.join(bare, "qr")))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        public = build(os.path.join(tmp, "site"), SITE)
        bare_site = dict(SITE)
        bare_site["site.yaml"] = SITE["site.yaml"].replace("base-url: https://example.org/bailu/\n", "")
        bare = build(os.path.join(tmp, "bare"), bare_site)
        url = "file://" + os.path.join(public, ITEM)
        no_script(public)
        b = Browser()
        try:
            reading_order(b, url)
            pause_and_stop(b, url)
            no_voice(b, url)
            accessible(b, url)
            qr_codes(b, public, bare)
        finally:
            b.quit()
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(1 if passed != len(results) else 0)


if __name__ == "__main__":
    main()
