// Point Material's search at this language's own index: <base>/<lang>/search/search_index.json.
// Runs after the #__config element and before Material's bundle reads its configuration from the #__config element.
(function () {
  var here = document.currentScript;
  var config = document.getElementById("__config");
  if (!here || !config) return;
  var data = JSON.parse(config.textContent);
  data.base = data.base.replace(/\/?$/, "/") + here.dataset.languageBase;
  config.textContent = JSON.stringify(data);
})();
