"""The script ``sitegen serve`` adds to every page it serves (never to a built site).

It long-polls the server for the next finished build and reloads the page when
the site's files changed; when a rebuild failed it shows the problems (file:line
and message) over the last good page instead. It is a separate file served from
the same origin, with its data in ``data-*`` attributes, so a page with a strict
Content-Security-Policy (``script-src 'self'``) still gets live reload.
"""

from __future__ import annotations

SCRIPT = r"""(() => {
  "use strict";
  const me = document.currentScript;
  const events = me.dataset.events;
  const server = me.dataset.server;
  const site = Number(me.dataset.site);
  let epoch = Number(me.dataset.epoch);

  function show(errors, failed) {
    let box = document.getElementById("sitegen-errors");
    if (!errors.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "sitegen-errors";
      box.setAttribute("role", "alert");
      Object.assign(box.style, {
        position: "fixed", left: "0", right: "0", top: "0", zIndex: "2147483647",
        maxHeight: "60vh", overflow: "auto", margin: "0", padding: "1em 1.5em",
        background: "#fff4f4", color: "#5c0000", borderBottom: "4px solid #b00020",
        font: "14px/1.45 system-ui, sans-serif", boxShadow: "0 4px 16px rgba(0,0,0,.25)",
      });
      document.body.prepend(box);
    }
    const title = document.createElement("strong");
    title.textContent = failed
      ? "sitegen serve: the last change broke the build; showing the last good site."
      : "sitegen serve: problems in the input.";
    const list = document.createElement("pre");
    Object.assign(list.style, {
      whiteSpace: "pre-wrap", margin: ".5em 0 0", font: "13px/1.4 monospace",
    });
    list.textContent = errors.join("\n");
    const hint = document.createElement("p");
    hint.style.margin = ".5em 0 0";
    hint.textContent = "Fix the file and save: this page updates by itself.";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.style.float = "right";
    close.addEventListener("click", () => box.remove());
    box.replaceChildren(close, title, list, hint);
  }

  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

  async function follow() {
    let pause = 250;
    for (;;) {
      try {
        const url = `${events}?server=${encodeURIComponent(server)}&epoch=${epoch}`;
        const answer = await fetch(url, {cache: "no-store"});
        if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
        const now = await answer.json();
        pause = 250;
        if (now.server !== server || now.site !== site) {
          location.reload();
          return;
        }
        if (now.epoch !== epoch) {
          epoch = now.epoch;
          show(now.errors, now.failed);
        }
      } catch (_error) {
        await sleep(pause);
        pause = Math.min(pause * 2, 4000);
      }
    }
  }

  show(JSON.parse(me.dataset.errors || "[]"), me.dataset.failed === "1");
  follow();
})();
"""
