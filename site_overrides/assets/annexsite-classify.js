// The classifier of `annexsite classify`, in the browser, on data/classify.json.
// Keep in step with src/annexsite/derive/classify.py (three-valued rows) and derive/numbers.py
// (numbers as people write them): tests/vectors/classify.json binds both.
(function () {
  "use strict";
  var OPS = {
    "<": function (m, v) { return m < v; },
    "<=": function (m, v) { return m <= v; },
    ">": function (m, v) { return m > v; },
    ">=": function (m, v) { return m >= v; }
  };
  var SYMBOLS = { "<": "<", "<=": "≤", ">": ">", ">=": "≥" };

  // A row is met, open (what would decide is unknown) or not met.
  function rowState(row, measured, answers) {
    var conds = [], quals = [], i;
    for (i = 0; i < row.conditions.length; i++) {
      var c = row.conditions[i];
      if (!(c.parameter in measured)) conds.push(c);
      else if (!OPS[c.op](measured[c.parameter], c.value)) return { state: "not" };
    }
    var requires = row.requires || [];
    for (i = 0; i < requires.length; i++) {
      var q = requires[i];
      if (!(q.id in answers)) quals.push(q);
      else if (!answers[q.id]) return { state: "not" };
    }
    if (conds.length || quals.length) return { state: "open", open: { paragraph: row.paragraph, conditions: conds, qualities: quals } };
    return { state: "met" };
  }

  function checked(entry, measured, answers) {
    return entry.rows.some(function (row) {
      return row.conditions.some(function (c) { return c.parameter in measured; }) ||
        (row.requires || []).some(function (q) { return q.id in answers; });
    });
  }

  function classify(data, measured, answers) {
    answers = answers || {};
    var matches = [], possible = [], unchecked = [];
    data.entries.forEach(function (entry) {
      if (!checked(entry, measured, answers)) { unchecked.push({ annex: entry.annex, code: entry.code }); return; }
      var held = [], open = [], needs = {};
      entry.rows.forEach(function (row) {
        var r = rowState(row, measured, answers);
        if (r.state === "met") held.push(row.paragraph);
        else if (r.state === "open") {
          open.push(r.open);
          r.open.conditions.forEach(function (c) { needs[c.parameter] = true; });
          r.open.qualities.forEach(function (q) { needs[q.id] = true; });
        }
      });
      if (held.length) matches.push({ annex: entry.annex, code: entry.code, paragraphs: held });
      else if (open.length) possible.push({ annex: entry.annex, code: entry.code, paragraphs: open.map(function (o) { return o.paragraph; }),
                                            needs: Object.keys(needs).sort(), open: open });
    });
    return { matches: matches, possible: possible, unchecked: unchecked };
  }
  window.annexsiteClassify = classify;

  // What an answer rests on besides the thresholds, for the rows it names: the notes of those
  // rows, the defined terms they quote and the entry's gaps, in order, once each (derive.classify.considered).
  function considered(data, match) {
    var entry = data.entries.filter(function (e) { return e.annex === match.annex && e.code === match.code; })[0];
    var notes = [], terms = [], seenN = {}, seenT = {};
    if (!entry) return { notes: notes, terms: terms, gaps: [] };
    match.paragraphs.forEach(function (p) {
      entry.rows.forEach(function (row) {
        if (row.paragraph !== p) return;
        (row.notes || []).forEach(function (n) { if (!seenN[n.anchor]) { seenN[n.anchor] = true; notes.push(n); } });
        (row.terms || []).forEach(function (t) { if (!seenT[t.id]) { seenT[t.id] = true; terms.push(t); } });
      });
    });
    return { notes: notes, terms: terms, gaps: entry.gaps || [], lang: entry.lang || "" };
  }
  window.annexsiteConsidered = considered;

  // Numbers as people write them; the same rules as derive/numbers.py.
  var SEPARATORS = { en: [".", ","], zh: [".", ","], ja: [".", ","], de: [",", "."], es: [",", "."], fr: [",", ""], ar: [".", ","] };
  var SUPER = { "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁺": "+", "⁻": "-" };
  var SIGNS = { "\u2212": "-", "\uFF0D": "-", "\uFF0B": "+", "\uFF0E": ".", "\uFF0C": "," };

  function grouped(s, sep) {
    return new RegExp("^\\d{1,3}(?:" + sep.replace(/[.]/g, "\\.") + "\\d{3})+$").test(s);
  }

  function mantissa(text, lang) {
    var seps = SEPARATORS[lang.split("-")[0]] || SEPARATORS.en, decimal = seps[0], group = seps[1], sign = "";
    if (text && (text[0] === "+" || text[0] === "-")) { sign = text[0]; text = text.slice(1); }
    text = text.split("\u066B").join(decimal).split("\u066C").join(group || " ").replace(/[\u00A0\u202F\u2009]/g, " ");
    if (!/^[0-9., ]+$/.test(text)) return null;
    var other = decimal === "," ? "." : ",";
    if (text.indexOf(other) >= 0 && text.indexOf(decimal) < 0) {
      if (other === group && grouped(text, other)) { /* the reader's own grouping */ }
      else if (text.split(other).length === 2 && text.indexOf(" ") < 0) text = text.replace(other, decimal);
      else return null;
    } else if (text.indexOf(other) >= 0 && other !== group) return null;
    var at = text.indexOf(decimal), intPart = at < 0 ? text : text.slice(0, at), frac = at < 0 ? "" : text.slice(at + 1);
    if (!/^\d*$/.test(frac)) return null;
    if (!/^\d*$/.test(intPart)) {
      var found = {};
      intPart.replace(/\D/g, function (c) { found[c] = true; return c; });
      var list = Object.keys(found);
      if (list.length !== 1 || (list[0] !== group && list[0] !== " ") || !grouped(intPart, list[0])) return null;
      intPart = intPart.replace(/\D/g, "");
    }
    if (!intPart && !frac) return null;
    return Number(sign + (intPart || "0") + "." + (frac || "0"));
  }

  function parseNumber(text, lang) {
    var s = "";
    Array.prototype.forEach.call(text.trim(), function (c) {
      var code = c.charCodeAt(0);
      if (code >= 0x660 && code <= 0x669) s += String(code - 0x660);
      else if (code >= 0x6F0 && code <= 0x6F9) s += String(code - 0x6F0);
      else if (code >= 0xFF10 && code <= 0xFF19) s += String(code - 0xFF10);
      else s += SIGNS[c] || c;
    });
    s = s.replace(/\s*([×xX·⋅*^])\s*/g, "$1");
    var m = /^(.*?)(?:[eE]([+-]?\d+)|[×xX·⋅*]10(?:\^([+-]?\d+)|([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)))$/.exec(s);
    if (m) {
      var head = m[1].trim(), exp = m[2] || m[3] || (m[4] || "").split("").map(function (c) { return SUPER[c]; }).join("");
      if (!head) return null;
      var mant = mantissa(head, lang);
      if (mant === null) return null;
      // the mantissa may print in e-notation itself (1e+21): add the exponents, as parse_number does
      var parts = String(mant).split(/e/i);
      // a literal too large to hold (1e999) reads as Infinity, which problem() refuses as such
      return Number(parts[0] + "e" + (parseInt(parts[1] || "0", 10) + parseInt(exp, 10)));
    }
    if (/^10[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(s)) return Number("1e" + parseInt(s.slice(2).split("").map(function (c) { return SUPER[c]; }).join(""), 10));
    return mantissa(s, lang);
  }
  window.annexsiteParseNumber = parseNumber;

  // Why a value cannot be one of this parameter ("" when it can); the same as Parameter.problem.
  function problem(type, value) {
    if (value === null) return "nan";
    if (!isFinite(value)) return "nan";
    if (type.type === "integer" && value !== Math.floor(value)) return "integer";
    if (type.minimum !== null && type.minimum !== undefined && value < type.minimum) return "minimum";
    if (type.maximum !== null && type.maximum !== undefined && value > type.maximum) return "maximum";
    return "";
  }
  window.annexsiteProblem = problem;

  // "0,0008 = 8 × 10⁻⁴" in the reader's language.
  function understood(value, lang) {
    var plain = new Intl.NumberFormat(lang, { maximumSignificantDigits: 15 }).format(value);
    if (value === 0 || (Math.abs(value) >= 0.01 && Math.abs(value) < 1e6)) return plain;
    var exp = Math.floor(Math.log10(Math.abs(value))), mant = Number((value / Math.pow(10, exp)).toPrecision(12));
    var sup = String(exp).split("").map(function (c) { return c === "-" ? "⁻" : "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(c)]; }).join("");
    var mtext = mant === 1 ? "" : new Intl.NumberFormat(lang, { maximumSignificantDigits: 12 }).format(mant) + " × ";
    return plain + " = " + mtext + "10" + sup;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  function read(form, data) {
    var lang = form.dataset.lang, measured = {}, answers = {}, bad = false, query = new URLSearchParams();
    Array.prototype.forEach.call(form.querySelectorAll("input[data-parameter]"), function (input) {
      var id = input.dataset.parameter, out = document.getElementById("annex-understood-" + id);
      out.textContent = "";
      input.removeAttribute("aria-invalid");
      if (input.value.trim() === "") return;
      var value = parseNumber(input.value, lang), type = data.types[id] || {};
      var why = problem(type, value);
      if (why) {
        bad = true;
        input.setAttribute("aria-invalid", "true");
        var nf = new Intl.NumberFormat(lang, { maximumSignificantDigits: 15 });
        out.textContent = fill(form.dataset[why + "Label"], { minimum: nf.format(type.minimum), maximum: nf.format(type.maximum) });
        out.className = "annex-understood annex-invalid";
        return;
      }
      measured[id] = value;
      query.set(id, String(value));
      out.className = "annex-understood";
      out.textContent = fill(form.dataset.understoodLabel, { value: understood(value, lang) });
    });
    Array.prototype.forEach.call(form.querySelectorAll("fieldset[data-quality] input:checked"), function (input) {
      if (input.value === "yes" || input.value === "no") {
        answers[input.name] = input.value === "yes";
        query.set(input.name, input.value);
      }
    });
    return { measured: measured, answers: answers, bad: bad, query: query };
  }

  function show(form, data, entries, then) {
    var input = read(form, data), out = document.getElementById(form.dataset.output), lang = form.dataset.lang;
    out.textContent = "";
    if (input.bad) { out.textContent = form.dataset.invalidLabel; return; }
    var result = classify(data, input.measured, input.answers);
    function label(id) {
      var el = form.querySelector('label[for="annex-param-' + id + '"]');
      return el ? el.textContent : id;
    }
    function link(m) {
      var entry = entries[m.annex + "/" + m.code] || {}, a = document.createElement("a");
      var url = entry.url ? entry.url[lang] : "";
      a.href = /^https?:/.test(url) ? url : form.dataset.base + url.replace(/^\//, "");
      a.textContent = m.code;
      return [a, entry];
    }
    function para(text, target) { var p = document.createElement("p"); p.textContent = text; (target || out).appendChild(p); }
    function list(items, heading, details, target) {
      if (!items.length) return;
      para(heading, target);
      var ul = document.createElement("ul");
      items.forEach(function (m) {
        var li = document.createElement("li"), made = link(m);
        li.appendChild(made[0]);
        li.appendChild(document.createTextNode(" " + ((made[1].title && made[1].title[lang]) || "")));
        if (m.paragraphs && m.paragraphs.length) {  // each paragraph that applied, linked to its anchor
          li.appendChild(document.createTextNode(" ("));
          m.paragraphs.forEach(function (p, i) {
            var a = document.createElement("a");
            a.href = made[0].href.split("#")[0] + "#" + encodeURIComponent(p);
            a.textContent = p;
            if (i) li.appendChild(document.createTextNode(", "));
            li.appendChild(a);
          });
          li.appendChild(document.createTextNode(")"));
        }
        if (m.paragraphs && m.paragraphs.length && !target) readAlso(li, m, made[0].href.split("#")[0]);  // an older release's answer: its notes may differ
        if (details && m.open) {
          var sub = document.createElement("ul");
          m.open.forEach(function (o) {
            var item = document.createElement("li"), nf = new Intl.NumberFormat(lang, { maximumSignificantDigits: 15 });
            var words = o.conditions.map(function (c) { return label(c.parameter) + " " + SYMBOLS[c.op] + " " + nf.format(c.value); })
              .concat(o.qualities.map(function (q) { return fill(form.dataset.isLabel, { text: q.text }); }));
            item.textContent = fill(form.dataset.ifLabel, { paragraph: o.paragraph }) + " " + words.join(" " + form.dataset.andLabel + " ");
            sub.appendChild(item);
          });
          li.appendChild(sub);
        }
        ul.appendChild(li);
      });
      (target || out).appendChild(ul);
    }
    // the notes, definitions and gaps the answer rests on, each linked to its anchor
    function readAlso(li, m, page) {
      var c = considered(data, m), kinds = JSON.parse(form.dataset.noteKinds || "{}"), sub = document.createElement("ul");
      sub.className = "annex-considered";
      function item(heading, links) {
        if (!links.length) return;
        var entryItem = document.createElement("li");
        entryItem.appendChild(document.createTextNode(heading + " "));
        links.forEach(function (a, i) { if (i) entryItem.appendChild(document.createTextNode("; ")); entryItem.appendChild(a); });
        sub.appendChild(entryItem);
      }
      item(form.dataset.notesLabel, c.notes.map(function (n) {
        var a = document.createElement("a"), name = n.label || kinds[n.kind] || n.kind;
        // a note governing the annex, category or group lives on that page (derive.classify.governing_notes)
        a.href = (n.page ? form.dataset.home + n.page : page) + "#" + encodeURIComponent(n.anchor);
        if (n.applies_to) name += " " + fill(form.dataset.toParagraphLabel, { paragraph: n.applies_to });
        a.textContent = name;
        if (n.label) { a.lang = c.lang; a.dir = "auto"; }  // the law's own label, as written
        var span = document.createElement("span");
        span.appendChild(a);
        if (n.excerpt) {
          var q = document.createElement("span");
          q.lang = c.lang;
          q.dir = "auto";  // legal text as written: isolated, so its quotes stay around it in a right-to-left page
          q.textContent = "\u201c" + n.excerpt + "\u201d";
          span.appendChild(document.createTextNode(" "));
          span.appendChild(q);
        }
        return span;
      }));
      item(form.dataset.termsLabel, c.terms.map(function (t) {
        var a = document.createElement("a");
        a.href = form.dataset.glossary + "#" + encodeURIComponent(t.id);
        a.lang = c.lang;
        a.dir = "auto";
        a.textContent = "\u2018" + t.quoted + "\u2019";
        return a;
      }));
      if (c.gaps.length) {
        var gap = document.createElement("li"), ga = document.createElement("a");
        gap.className = "annex-gap";
        ga.href = page + "#gaps";
        ga.textContent = form.dataset.gapLinkLabel;
        gap.appendChild(document.createTextNode(form.dataset.gapLabel + " "));
        gap.appendChild(ga);
        sub.appendChild(gap);
      }
      if (sub.children.length) li.appendChild(sub);
    }
    list(result.matches, form.dataset.matchesLabel);
    if (!result.matches.length && !result.possible.length) para(form.dataset.noneLabel);
    list(result.possible, form.dataset.possibleLabel, true);
    list(result.unchecked, form.dataset.uncheckedLabel);
    if (data.release) input.query.set("release", data.release);
    else input.query.set("as_of", data.as_of);
    var query = input.query.toString();
    history.replaceState(null, "", location.pathname + "?" + query);
    var today = new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(new Date());
    para(data.release ? fill(form.dataset.computedLabel, { date: today, release: data.release })
                      : fill(form.dataset.computedWorkingLabel, { date: today, asof: data.as_of }));
    para(form.dataset.recordLabel);
    if (then) then(out, result, list, para);
  }

  // Rows of a release snapshot (data/releases/<version>.json) in the shape of data/classify.json.
  function snapshotData(snapshot) {
    var entries = [];
    Object.keys(snapshot.annexes).sort().forEach(function (annex) {
      var doc = snapshot.annexes[annex].entries;
      Object.keys(doc).sort().forEach(function (code) {
        var e = doc[code];
        if (!e.thresholds || !e.thresholds.length) return;
        entries.push({ annex: annex, code: code, rows: e.thresholds.map(function (t) {
          return { paragraph: t.paragraph, requires: t.requires || [],
                   conditions: t.conditions.map(function (c) { return { parameter: c.parameter, op: c.op, value: Number(c.value) }; }) };
        }) });
      });
    });
    return { entries: entries };
  }

  function keys(result) {
    return JSON.stringify([result.matches.map(function (m) { return m.annex + "/" + m.code + ":" + m.paragraphs.join(","); }).sort(),
                           result.possible.map(function (m) { return m.annex + "/" + m.code; }).sort()]);
  }

  // An answer's address names the release it was computed against: answer under that release
  // too, and say so when the current thresholds answer differently.
  function compareWithRecorded(form, data, entries, recorded) {
    return function (out, current, list, para) {
      if (!recorded || recorded === data.release) return;
      fetch(form.dataset.base + "data/releases/" + encodeURIComponent(recorded) + ".json")
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (snapshot) {
          var input = read(form, data), before = classify(snapshotData(snapshot), input.measured, input.answers);
          var note = document.createElement("div");
          note.className = "annex-recorded";
          out.insertBefore(note, out.firstChild);
          if (keys(before) === keys(current)) {
            para(fill(form.dataset.sameLabel, { release: recorded }), note);
          } else {
            para(fill(form.dataset.differsLabel, { release: recorded }), note);
            list(before.matches, form.dataset.matchesLabel, false, note);
            if (!before.matches.length && !before.possible.length) para(form.dataset.noneLabel, note);
            list(before.possible, form.dataset.possibleLabel, true, note);
          }
        })
        .catch(function () {
          var p = document.createElement("p");
          p.textContent = fill(form.dataset.unknownReleaseLabel, { release: recorded });
          out.insertBefore(p, out.firstChild);
        });
    };
  }

  // Open an answer's address: fill the form from it and answer again.
  function restore(form) {
    var params = new URLSearchParams(location.search), any = false, lang = form.dataset.lang;
    params.forEach(function (value, key) {
      var field = document.getElementById("annex-param-" + key);
      if (field && field.dataset.parameter) {
        var n = Number(value);
        field.value = isFinite(n) ? new Intl.NumberFormat(lang, { maximumSignificantDigits: 15, useGrouping: false }).format(n) : value;
        any = true;
      }
      var radio = form.querySelector('fieldset[data-quality="' + key + '"] input[value="' + (value === "yes" ? "yes" : value === "no" ? "no" : "") + '"]');
      if (radio) { radio.checked = true; any = true; }
    });
    return any;
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
        form.addEventListener("input", function () { read(form, loaded[0]); });
        if (restore(form)) {
          var recorded = new URLSearchParams(location.search).get("release");
          show(form, loaded[0], entries, compareWithRecorded(form, loaded[0], entries, recorded));
        }
      });
  });
})();
