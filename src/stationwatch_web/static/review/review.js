/* Review shortcuts: a = accept, r = reject, n = next claim (ignored while typing in a field). */
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.altKey || e.ctrlKey || e.metaKey || (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    var target = {a: "accept", r: "reject", n: "next"}[e.key];
    var el = target && document.getElementById(target);
    if (el) { e.preventDefault(); el.click(); }
  });
})();
