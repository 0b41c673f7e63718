#!/usr/bin/env python3
"""What a reader sees on a phone: measures pages in headless Chromium (Debian's chromium and
chromium-driver, through Selenium) at 375 px, as standard text and again in 大字版.

    tests/reader/phone_view.py [--width 375] [--screenshot PREFIX] URL...

Prints one JSON object per URL and text size:
- brand: how many lines the site title takes and how many characters its last line holds;
- tels: each phone number (.tel) and on how many lines it is drawn;
- tables: each table box (.table-wrap): wider than the screen, with the words at its top saying it
  scrolls, edge shadows drawn, reachable with the keyboard;
- signatures: the text and alignment of each signature block (.signature, .poster-signature);
- overlay: the serve error overlay, its background colour and whether it alone is seen;
- paragraphs: the visible lines of each body paragraph (Range rectangles), for line-break checks.
With --screenshot, saves PREFIX-normal.png and PREFIX-large.png of the first URL, scrolled to the
first element matching --scroll-to (a CSS selector) when given.
"""
import json
import sys

MEASURE = r"""
function charTops(el) {
  var tops = [];
  var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  var range = document.createRange();
  var node;
  while ((node = walker.nextNode())) {
    for (var i = 0; i < node.data.length; i++) {
      if (/\s/.test(node.data[i])) continue;
      range.setStart(node, i); range.setEnd(node, i + 1);
      var rect = range.getClientRects()[0];
      if (rect) tops.push(Math.round(rect.top));
    }
  }
  return tops;
}
function lineTexts(el) {
  var lines = [];
  var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  var range = document.createRange();
  var node, lastTop = null;
  while ((node = walker.nextNode())) {
    for (var i = 0; i < node.data.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      var rect = range.getClientRects()[0];
      if (!rect || rect.width === 0) continue;
      var top = Math.round(rect.top);
      if (lastTop === null || top > lastTop + 4) { lines.push(""); lastTop = top; }
      lines[lines.length - 1] += node.data[i];
    }
  }
  return lines;
}
var out = {};
var brand = document.querySelector(".brand");
if (brand) {
  var tops = charTops(brand);
  var last = Math.max.apply(null, tops);
  var distinct = tops.filter(function (t, i) { return tops.indexOf(t) === i; });
  out.brand = {lines: distinct.length, lastLineChars: tops.filter(function (t) { return t === last; }).length};
}
out.tels = Array.prototype.map.call(document.querySelectorAll(".tel"), function (el) {
  return {text: el.textContent, lines: el.getClientRects().length, href: el.getAttribute("href")};
});
out.tables = Array.prototype.map.call(document.querySelectorAll(".table-wrap"), function (el) {
  var before = getComputedStyle(el, "::before"), hint = null;
  if (before.content && before.content !== "none" && before.display !== "none") hint = before.content.slice(1, -1);
  return {wide: el.scrollWidth > el.clientWidth + 1, hint: hint,
          shadows: getComputedStyle(el).backgroundImage.indexOf("gradient") >= 0,
          focusable: el.getAttribute("tabindex") === "0"};
});
out.signatures = Array.prototype.map.call(document.querySelectorAll(".signature, .poster-signature"), function (el) {
  return {text: el.innerText, align: getComputedStyle(el).textAlign, lines: lineTexts(el)};
});
out.paragraphs = Array.prototype.map.call(document.querySelectorAll(".content > p, .content li"), function (el) {
  return lineTexts(el);
});
var overlay = document.getElementById("gongkai-error-overlay");
if (overlay) {
  var w = window.innerWidth, h = window.innerHeight;
  var points = [[5, 5], [w / 2, h / 2], [w - 5, h - 5]];
  out.overlay = {background: getComputedStyle(overlay).backgroundColor,
                 covers: points.every(function (p) { var e = document.elementFromPoint(p[0], p[1]); return !!e && overlay.contains(e); })};
}
out.largeText = document.documentElement.classList.contains("large-text");
out.viewport = window.innerWidth;
return out;
"""


def main(argv):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    import time

    width, shot, scroll_to, urls = 375, None, None, []
    args = iter(argv)
    for arg in args:
        if arg == "--width":
            width = int(next(args))
        elif arg == "--screenshot":
            shot = next(args)
        elif arg == "--scroll-to":
            scroll_to = next(args)
        else:
            urls.append(arg)
    options = Options()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--force-device-scale-factor=1", f"--window-size={width},900"]:
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.set_window_size(width, 900)
        # The window includes no chrome in headless mode, but make the viewport exactly `width`.
        inner = driver.execute_script("return window.innerWidth")
        if inner != width:
            driver.set_window_size(width + (width - inner), 900)
        for n, url in enumerate(urls):
            driver.get(url)
            driver.execute_script("try { localStorage.removeItem('gongkai-large-text'); } catch (e) {}")
            driver.get(url)
            time.sleep(0.3)
            result = driver.execute_script(MEASURE)
            result["url"] = url
            print(json.dumps(result, ensure_ascii=False), flush=True)
            def screenshot(name):
                if scroll_to:
                    driver.execute_script("var e = document.querySelector(arguments[0]); if (e) e.scrollIntoView();"
                                          "window.scrollBy(0, -120);", scroll_to)
                    time.sleep(0.2)
                driver.save_screenshot(name)
            if shot and n == 0:
                screenshot(shot + "-normal.png")
            buttons = driver.find_elements("id", "text-size")
            if buttons and buttons[0].is_displayed() and "overlay" not in result:
                buttons[0].click()
                time.sleep(0.3)
                result = driver.execute_script(MEASURE)
                result["url"] = url
                print(json.dumps(result, ensure_ascii=False), flush=True)
                if shot and n == 0:
                    screenshot(shot + "-large.png")
                buttons[0].click()
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1:])
