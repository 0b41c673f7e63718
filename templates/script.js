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
