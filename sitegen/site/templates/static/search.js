/* Start the pagefind search UI and run the query given in ?q= (from the header form). */
(function () {
  "use strict";
  var el = document.getElementById("search");
  if (!el || typeof PagefindUI === "undefined") { return; }
  var base = el.getAttribute("data-base") || "/";
  /* The index is split into bundles (only those with a changed page are rebuilt);
     pagefind/bundles.json lists them and the UI merges their results and filters. */
  function start(bundles) {
    var paths = bundles.map(function (b) { return base + "pagefind/" + b + "/"; });
    var options = {
      element: "#search",
      baseUrl: base,
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      /* Say what each hit is (actor, party, issue, round, source, note):
         the pages carry it as pagefind's "kind" meta. */
      processResult: function (result) {
        var kind = result.meta && result.meta.kind;
        if (kind) {
          result.meta.title = kind + " · " + (result.meta.title || "");
          delete result.meta.kind; /* said in the title: not again as a tag */
        }
        return result;
      }
    };
    if (paths.length) {
      options.bundlePath = paths[0];
      options.mergeIndex = paths.slice(1).map(function (p) { return { bundlePath: p }; });
    }
    return new PagefindUI(options);
  }
  /* pagefind's input has only a placeholder and a title: give it a real accessible name,
     now and whenever the UI redraws it. */
  function label() {
    var input = el.querySelector("input[type=text], input[type=search]");
    if (input && !input.hasAttribute("aria-label")) {
      input.setAttribute("aria-label", el.getAttribute("data-label") || "Search the briefing");
    }
    return input;
  }
  label();
  if (typeof MutationObserver !== "undefined") {
    new MutationObserver(label).observe(el, { childList: true, subtree: true });
  }
  function ready(ui) {
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) {
      ui.triggerSearch(q);
      var input = label();
      if (input) { input.value = q; }
    }
  }
  fetch(base + "pagefind/bundles.json")
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (manifest) { return manifest.bundles || []; }, function () { return []; })
    .then(function (bundles) { ready(start(bundles)); });
})();
