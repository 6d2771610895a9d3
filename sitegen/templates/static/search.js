/* Start the pagefind search UI and run the query given in ?q= (from the header form). */
(function () {
  "use strict";
  var el = document.getElementById("search");
  if (!el || typeof PagefindUI === "undefined") { return; }
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: el.getAttribute("data-base") || "/",
    showSubResults: true,
    showImages: false,
    resetStyles: false
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    ui.triggerSearch(q);
    var input = el.querySelector("input");
    if (input) { input.value = q; }
  }
})();
