// The classifier of `annexsite classify`, in the browser, on data/classify.json.
// Keep in step with src/annexsite/derive/classify.py: tests/vectors/classify.json binds both.
(function () {
  "use strict";
  var OPS = {
    "<": function (m, v) { return m < v; },
    "<=": function (m, v) { return m <= v; },
    ">": function (m, v) { return m > v; },
    ">=": function (m, v) { return m >= v; }
  };

  function classify(data, measured) {
    var matches = [], possible = [];
    data.entries.forEach(function (entry) {
      var held = [], open = [], needs = {};
      entry.rows.forEach(function (row) {
        var named = row.conditions.filter(function (c) { return c.parameter in measured; });
        if (!named.length || !named.every(function (c) { return OPS[c.op](measured[c.parameter], c.value); })) return;
        var missing = row.conditions.filter(function (c) { return !(c.parameter in measured); });
        if (missing.length) {
          open.push(row.paragraph);
          missing.forEach(function (c) { needs[c.parameter] = true; });
        } else {
          held.push(row.paragraph);
        }
      });
      if (held.length) matches.push({ annex: entry.annex, code: entry.code, paragraphs: held });
      else if (open.length) possible.push({ annex: entry.annex, code: entry.code, paragraphs: open, needs: Object.keys(needs).sort() });
    });
    return { matches: matches, possible: possible };
  }
  window.annexsiteClassify = classify;

  function show(form, data, entries) {
    var measured = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[data-parameter]"), function (input) {
      if (input.value.trim() !== "" && !isNaN(Number(input.value))) measured[input.dataset.parameter] = Number(input.value);
    });
    var result = classify(data, measured);
    var out = document.getElementById(form.dataset.output);
    var lang = form.dataset.lang;
    out.textContent = "";
    function list(items, heading) {
      if (!items.length) return;
      var h = document.createElement("p");
      h.textContent = heading;
      out.appendChild(h);
      var ul = document.createElement("ul");
      items.forEach(function (m) {
        var entry = entries[m.annex + "/" + m.code] || {};
        var li = document.createElement("li"), a = document.createElement("a");
        var url = entry.url ? entry.url[lang] : "";
        a.href = /^https?:/.test(url) ? url : form.dataset.base + url.replace(/^\//, "");
        a.textContent = m.code;
        li.appendChild(a);
        li.appendChild(document.createTextNode(" " + ((entry.title && entry.title[lang]) || "") +
          " (" + m.paragraphs.join(", ") + ")" + (m.needs ? " – " + m.needs.join(", ") : "")));
        ul.appendChild(li);
      });
      out.appendChild(ul);
    }
    list(result.matches, form.dataset.matchesLabel);
    list(result.possible, form.dataset.possibleLabel);
    if (!result.matches.length && !result.possible.length) out.textContent = form.dataset.noneLabel;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("annex-classify");
    if (!form) return;
    Promise.all([fetch(form.dataset.base + "data/classify.json").then(function (r) { return r.json(); }),
                 fetch(form.dataset.base + "data/entries.json").then(function (r) { return r.json(); })])
      .then(function (loaded) {
        var entries = {};
        loaded[1].entries.forEach(function (e) { entries[e.annex + "/" + e.code] = e; });
        form.hidden = false;
        form.addEventListener("submit", function (event) { event.preventDefault(); show(form, loaded[0], entries); });
      });
  });
})();
