#!/usr/bin/env python3
"""search.js's own query tokenizer against the shared test vectors (token-vectors.json, which the
build's tokenizer is tested with in Tests/GongkaiSiteTests/TokenVectorTests.swift), in headless
chromium.

    token_vectors.py PUBLIC

PUBLIC is a built site. Its search page is opened from file:// and each vector's text is typed into
the search box. The script's tokenizer is not reachable from outside, so the test watches what it
does with the tokens: every shard the page loads is handed to the page wrapped in a Proxy that notes
each token looked up in it. search.js looks up the query's tokens in order, then its joins; those
must be the vector's `query` then `joins`. Exits 1 on any difference."""
import json
import os
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from relevance import browser  # noqa: E402

# Wraps each shard the page is given, so that a lookup of a token in it is noted.
WATCH = """
if (!window.__watching) {
  window.__watching = true;
  window.__looked = [];
  var shard = GongkaiSearch.shard;
  GongkaiSearch.shard = function (n, data) {
    shard(n, new Proxy(data, { get: function (target, key) {
      if (typeof key === "string") window.__looked.push(key);
      return target[key];
    } }));
  };
}
"""

# Types `text` as a reader would (the page searches on each input event).
TYPE = """
var input = document.getElementById("search-q"), status = document.getElementById("search-status");
window.__looked = [];
status.textContent = "";
status.removeAttribute("data-ms");
input.value = arguments[0];
input.dispatchEvent(new Event("input"));
"""

# The tokens looked up once the query has been answered (null until then).
DONE = """
var status = document.getElementById("search-status");
var answered = status.hasAttribute("data-ms") || status.textContent.indexOf("请输入") === 0 ||
    status.textContent.indexOf("未能载入") >= 0;
return answered ? JSON.stringify({looked: window.__looked, status: status.textContent}) : null;
"""


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    public = os.path.abspath(sys.argv[1])
    vectors = json.load(open(os.path.join(HERE, "token-vectors.json"), encoding="utf-8"))["vectors"]
    page = "file://" + urllib.parse.quote(public) + "/search/index.html"
    driver = browser()
    failures = []
    try:
        driver.get(page)
        driver.execute_script(WATCH)
        for vector in vectors:
            driver.execute_script(TYPE, vector["text"])
            deadline = time.time() + 20
            result = None
            while result is None and time.time() < deadline:
                result = driver.execute_script(DONE)
                if result is None:
                    time.sleep(0.01)
            if result is None:
                failures.append(f"{vector['name']}：查询“{vector['text']}”没有完成")
                continue
            answer = json.loads(result)
            if "未能载入" in answer["status"]:
                failures.append(f"{vector['name']}：索引未能载入（{answer['status']}）")
                continue
            expected = vector["query"] + vector["joins"]
            if answer["looked"] != expected:
                failures.append(f"{vector['name']}：“{vector['text']}”查的是 {answer['looked']}，应为 {expected}")
    finally:
        driver.quit()
    for failure in failures:
        print(failure)
    print(f"search.js 分词：{len(vectors) - len(failures)}/{len(vectors)} 条测试向量一致")
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
