// Decision guides, enhanced: "Back" returns to the step the reader actually came from (a step
// reached from several questions lists them all without script), and answers take number keys.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var answers = document.querySelectorAll("a.annex-answer");
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
