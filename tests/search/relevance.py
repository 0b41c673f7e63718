#!/usr/bin/env python3
"""The relevance set (relevance.tsv) through a real browser: each query is typed into a freshly
loaded search page, and the expected page must be among the first three results.

    relevance.py PUBLIC [--base URL] [--engine gongkai|pagefind] [--min 0.9] [--json]

PUBLIC is a built site. Without --base the pages are opened from file:// (gongkai only: Pagefind
loads its index as ES modules, which browsers refuse from file://); with --base, from a server that
serves PUBLIC at that address. --engine pagefind asks Pagefind's own index (made by
`pagefind --site PUBLIC`) through its JavaScript API, through bench/search's page `pagefind-bench.html`.
Prints each miss, then the score; exits 1 when the share found is below --min."""
import argparse
import json
import os
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


def read_set(path=os.path.join(HERE, "relevance.tsv")):
    rows = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        query, expected = line.split("\t")
        rows.append((query, expected))
    return rows


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for arg in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--allow-file-access-from-files"]:
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait(driver, script, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = driver.execute_script(script)
        if value is not None:
            return value
        time.sleep(0.01)
    raise TimeoutError(script)


def relative(url, root):
    """The path of `url` below the site's root, decoded."""
    path = urllib.parse.unquote(urllib.parse.urlparse(url).path)
    root_path = urllib.parse.unquote(urllib.parse.urlparse(root).path)
    if path.startswith(root_path):
        path = path[len(root_path):]
    return path.lstrip("/")


def ask_gongkai(driver, root, query):
    """(result paths in order, ms from the page's start to the first results shown, total count)."""
    driver.get(root + "search/index.html?q=" + urllib.parse.quote(query))
    at = wait(driver, "var s = document.getElementById('search-status'); return s && s.getAttribute('data-at');")
    links = driver.execute_script(
        "return Array.from(document.querySelectorAll('#search-results a.item-title')).map(function (a) { return a.href; });")
    status = driver.execute_script("return document.getElementById('search-status').textContent;")
    return [relative(u, root) for u in links], int(at), status


def ask_pagefind(driver, root, query):
    driver.get(root + "pagefind-bench.html?q=" + urllib.parse.quote(query))
    at = wait(driver, "return document.body.getAttribute('data-at');")
    urls = json.loads(driver.execute_script("return document.body.getAttribute('data-urls');"))
    count = driver.execute_script("return document.body.getAttribute('data-count');")
    return [relative(root.rstrip("/") + u if u.startswith("/") else u, root) for u in urls], int(float(at)), count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("public")
    parser.add_argument("--base")
    parser.add_argument("--engine", default="gongkai", choices=["gongkai", "pagefind"])
    parser.add_argument("--min", type=float, default=0.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    root = args.base if args.base else "file://" + urllib.parse.quote(os.path.abspath(args.public)) + "/"
    if not root.endswith("/"):
        root += "/"
    ask = ask_gongkai if args.engine == "gongkai" else ask_pagefind
    rows = read_set()
    driver = browser()
    found, misses = 0, []
    try:
        for query, expected in rows:
            paths, _, _ = ask(driver, root, query)
            top = [p.replace(".html", "") for p in paths[:3]]
            if expected.replace(".html", "") in top:
                found += 1
            else:
                misses.append((query, expected, paths[:3]))
    finally:
        driver.quit()
    share = found / len(rows)
    if args.json:
        print(json.dumps({"engine": args.engine, "queries": len(rows), "top3": found, "share": share, "misses": misses}, ensure_ascii=False))
    else:
        for query, expected, top in misses:
            print(f"未进前三：{query} → 应有 {expected}；前三：{top}")
        print(f"相关性（{args.engine}）：{found}/{len(rows)} 条查询的应有页面在前三（{share:.0%}）")
    if share < args.min:
        sys.exit(1)


if __name__ == "__main__":
    main()
