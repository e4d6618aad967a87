// Point Material's search at annexsite's: the worker that asks Pagefind (annexsite-search-worker.js)
// and, for a language other than the default, <base>/<lang>/search/search_index.json (which holds
// only the language's highlighting settings; see annexsite.site.search).
// Runs after the #__config element and before Material's bundle reads its configuration from the #__config element.
(function () {
  var here = document.currentScript;
  var config = document.getElementById("__config");
  if (!here || !config) return;
  var data = JSON.parse(config.textContent);
  if (here.dataset.languageBase) data.base = data.base.replace(/\/?$/, "/") + here.dataset.languageBase;
  if (here.dataset.worker) data.search = here.dataset.worker;
  config.textContent = JSON.stringify(data);
})();
