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
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    ui.triggerSearch(q);
    var input = label();
    if (input) { input.value = q; }
  }
})();
