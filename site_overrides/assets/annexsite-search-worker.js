// Material for MkDocs' search box, answered by Pagefind (see annexsite.site.search).
//
// Material talks to its search worker in four messages (SETUP 0, READY 1, QUERY 2, RESULT 3)
// and documents a custom worker, named in the page's configuration, as the way to plug in
// another engine. This worker loads Pagefind on the first query only (a page view fetches no
// index), in the page's language (Pagefind keeps one index per <html lang>, so results stay in
// the reader's language), and returns each page found as Material renders it.
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
// results read per query (Pagefind loads each one's fragment): Material shows ten at first; a
// Chinese or Japanese phrase comes back unranked, so twenty are read to rank by title
const SHOWN = 10, SHOWN_CJK = 20;
const TERMS = 10;  // defined terms read per query (a glossary section is a small fragment)
const TERM_WORDS = 4, TERM_CHARS = 12;  // a defined term is short: longer queries skip the term lookup
// A match in a title (a page's, or a glossary term's) counts far more than one in running text.
const RANKING = {metaWeights: {title: 20}};
const root = new URL("../", self.location.href);  // this file is <site>/assets/
let language = "unknown";
let engine = null;
let latest = 0;

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
}

// Chinese and Japanese are indexed one character a word (annexsite.site.search.spaced_cjk), and
// queried the same way: as a phrase first, then as words anywhere in the page.
const CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f";
const HAS_CJK = new RegExp(`[${CJK}]`);
const CJK_CHAR = new RegExp(`([${CJK}])`, "g");
const CJK_GAP = new RegExp(`([${CJK}](?:</mark>)?)\\s+(?=(?:<mark>)?[${CJK}])`, "g");
const QUOTES = /[\u201c\u201d\u2018\u2019"'\u00ab\u00bb\u201e\u300c\u300d\u300e\u300f]/g;

function spaced(text) {
  return text.replace(CJK_CHAR, " $1 ").replace(/\s+/g, " ").trim();
}

// The characters indexed apart, joined again for the reader.
function joined(html) {
  return html.replace(CJK_GAP, "$1").replace(/<\/mark><mark>/g, "");
}

// Pagefind's excerpt is the page's text, escaped, with the words found in <mark>: keep only those marks.
function excerpt(html) {
  return joined(String(html || "").replace(/<(?!\/?mark>)[^>]*>/g, ""));
}

function load() {
  if (!engine) {
    // Pagefind picks its index by the document's <html lang>, and a worker has no document:
    // answer its one question with the language Material's configuration names.
    if (typeof self.document === "undefined") {
      self.document = {querySelector: selector => selector === "html" ? {getAttribute: name => name === "lang" ? language : null} : null};
    }
    engine = import(new URL("pagefind/pagefind.js", root).href).then(async pagefind => {
      const instance = await pagefind.createInstance({basePath: new URL("pagefind/", root).href, language: language, ranking: RANKING});
      return instance;
    });
  }
  return engine;
}

// Chinese and Japanese as a phrase of characters, then as characters anywhere in the page.
async function find(pagefind, words, options) {
  if (!HAS_CJK.test(words)) return pagefind.search(words, options);
  const chars = spaced(words.replace(QUOTES, " "));
  const found = await pagefind.search(`"${chars}"`, options);
  return found && found.results && !found.results.length ? pagefind.search(chars, options) : found;
}

const read = results => Promise.all(results.map(r => r.data().then(d => ({d: d, score: r.score, id: r.id}))));

async function query(text, seq) {
  const words = text.trim();
  if (!words) return {items: []};
  const pagefind = await load();
  // the pages, and apart the defined terms (a term named by the query is shown first, where a
  // common word such as "technology" would otherwise rank it below every page that uses it)
  const short = HAS_CJK.test(words) ? words.replace(/\s+/g, "").length <= TERM_CHARS : words.split(/\s+/).length <= TERM_WORDS;
  const [found, defined] = await Promise.all([find(pagefind, words),
    short ? find(pagefind, words, {filters: {annexsite: "term"}}) : null]);
  if (seq !== latest || !found || !found.results) return null;  // a newer query is on its way
  const wanted = normal(words);
  const named = (await read((defined && defined.results || []).slice(0, TERMS))).filter(r => normal(title(r.d)) === wanted);
  const seen = new Set(named.map(r => r.id));
  const shown = HAS_CJK.test(words) ? SHOWN_CJK : SHOWN;
  const data = await read(found.results.filter(r => !seen.has(r.id)).slice(0, shown - named.length));
  if (seq !== latest) return null;
  const terms = {};
  for (const word of words.replace(QUOTES, " ").split(/\s+/)) terms[word] = true;
  delete terms[""];
  // Then the pages whose title holds the whole query (Pagefind ranks by the words' weight in
  // the page, so a list of many titles can outrank the page that bears one of them).
  const ranked = data.map((r, i) => ({...r, i: i, titled: normal(title(r.d)).includes(wanted) ? 1 : 0}))
    .sort((a, b) => b.titled - a.titled || a.i - b.i);
  return {items: [...named, ...ranked].map(({d, score}) => group(d, typeof score === "number" ? score : 0, terms))};
}

function title(d) {
  return joined((d.meta && d.meta.title) || d.url);
}

function normal(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").replace(QUOTES, "").replace(/\s+/g, "").toLowerCase();
}

// One result as Material renders it: the page, or (for a term of the glossary, indexed apart
// as <page>/~<id>/) the page with the term's section under it.
function group(d, score, terms) {
  const section = d.url.match(/^(.*\/)~([^/]+)\/$/);
  const doc = {location: new URL(d.url.replace(/^\//, ""), root).href, title: escapeHTML(title(d)),
               text: excerpt(d.excerpt), score: score, terms: terms};
  if (!section) return [doc];
  const page = new URL(section[1].replace(/^\//, ""), root).href;
  return [
    {location: page, title: escapeHTML(joined((d.meta && d.meta.page) || "")), text: "", score: score, terms: terms},
    {...doc, location: page + "#" + section[2]},
  ];
}

self.addEventListener("message", ev => {
  const message = ev.data || {};
  if (message.type === SETUP) {
    const lang = message.data && message.data.config && message.data.config.lang;
    if (lang && lang.length) language = String(lang[0]).toLowerCase();
    self.postMessage({type: READY});
  } else if (message.type === QUERY) {
    const seq = ++latest;
    query(String(message.data || ""), seq).then(result => {
      if (result) self.postMessage({type: RESULT, data: result});
    }, error => {
      console.error("search:", error);
      if (seq === latest) self.postMessage({type: RESULT, data: {items: []}});
    });
  }
});
