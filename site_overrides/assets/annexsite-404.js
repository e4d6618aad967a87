/* annexsite: on the 404 page, each language's link leads to the same address in that language
   where such a page exists (asked of the server with HEAD); otherwise to that language's home. */
(function () {
  var me = document.currentScript;
  var base = new URL(me.getAttribute("data-base") || "/", location.href).pathname.replace(/\/?$/, "/");
  var links = [].slice.call(document.querySelectorAll("a[data-annexsite-home]"));
  if (!location.pathname.startsWith(base)) return;
  var rest = location.pathname.slice(base.length);
  links.forEach(function (a) {  // the address without its language prefix
    var prefix = a.getAttribute("data-annexsite-home");
    if (prefix && rest.startsWith(prefix)) rest = rest.slice(prefix.length);
  });
  if (!rest || /(^|\/)404(\.html)?$/.test(rest)) return;
  links.forEach(function (a) {
    var target = base + a.getAttribute("data-annexsite-home") + rest;
    fetch(target, {method: "HEAD"}).then(function (r) {
      if (r.ok) a.href = target;
    }, function () {});
  });
})();
