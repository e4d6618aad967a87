// Decision guides, enhanced: "Back" returns to the step the reader actually came from (a step
// reached from several questions lists them all without script), and answers take number keys.
(function () {
  "use strict";
  // The steps of this guide the reader took in this tab, each "question:answer number" (two
  // answers may lead to the same page): an outcome reached by several paths then shows the
  // answers of the one taken. Without script, or arriving from elsewhere, it lists them all.
  function trail(answers) {
    var links = document.querySelector(".annex-tree-links[data-node]");
    if (!links) return;
    var key = "annexsite-trail-" + links.dataset.tree, here = links.dataset.node, steps = [];
    try { steps = JSON.parse(sessionStorage.getItem(key) || "[]"); } catch (e) { steps = []; }
    var at = steps.map(function (s) { return s.split(":")[0]; }).indexOf(here);
    if (links.hasAttribute("data-start")) steps = [here];
    else if (at >= 0) steps = steps.slice(0, at + 1);
    else steps.push(here);
    function keep() {
      try { sessionStorage.setItem(key, JSON.stringify(steps)); } catch (e) { /* storage off: every path stays listed */ }
    }
    steps[steps.length - 1] = here;
    keep();
    Array.prototype.forEach.call(answers, function (a, i) {
      a.addEventListener("click", function () { steps[steps.length - 1] = here + ":" + i; keep(); });
    });
    var ways = document.querySelectorAll(".annex-way"), taken = steps.slice(0, -1).join(" ");
    var hit = Array.prototype.filter.call(ways, function (w) { return w.dataset.nodes === taken; });
    if (hit.length !== 1) return;
    Array.prototype.forEach.call(ways, function (w) { if (w !== hit[0]) w.hidden = true; });
    var intro = document.querySelector(".annex-ways-intro"), name = hit[0].querySelector(".annex-way-name");
    if (intro) intro.textContent = intro.dataset.taken;
    if (name) name.hidden = true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var answers = document.querySelectorAll("a.annex-answer");
    trail(answers);
    var backs = document.querySelectorAll("a.annex-back");
    if (!answers.length && !backs.length) return;
    var from = document.referrer ? new URL(document.referrer) : null;
    if (from && from.origin === location.origin && backs.length > 1) {
      var came = Array.prototype.filter.call(backs, function (a) { return new URL(a.href).pathname === from.pathname; });
      if (came.length === 1) {
        Array.prototype.forEach.call(backs, function (a) { if (a !== came[0]) a.hidden = true; });
      }
    }
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || /input|textarea|select/i.test(event.target.tagName)) return;
      var n = Number(event.key);
      if (n >= 1 && n <= answers.length) answers[n - 1].click();
    });
  });
})();
