// The strategic map's interactions: the side panel, drag and drop
// (SortableJS), keyboard moves and the messages that go with them.
// Everything here enhances links and forms that work without it.
(function () {
  "use strict";

  // Validation errors (422) and edit conflicts (409) come back as the
  // panel's new content; other errors are shown as text in #notice.
  window.fardplan.swapRefusals(["409", "422"]);

  // Back and forward fetch the map afresh: a snapshot of the page would show
  // cards where they were, and filter controls that no longer match the URL.
  htmx.config.historyCacheSize = 0;
  htmx.config.refreshOnHistoryMiss = false;

  let lastFocus = null;

  function panel() { return document.getElementById("panel"); }

  function notice(text) {
    const box = document.getElementById("notice");
    if (!box) return;
    box.textContent = text;
    box.hidden = !text;
  }

  function focusCard(id) {
    const card = id && document.getElementById(id);
    if (!card) return false;
    const link = card.querySelector(".card-link") || card;
    link.focus();
    card.scrollIntoView({ block: "nearest", inline: "nearest" });
    return true;
  }

  function closePanel() {
    const p = panel();
    if (!p || !p.innerHTML.trim()) return;
    const body = p.querySelector("[data-panel-for]");
    const target = body && body.dataset.panelFor;
    p.innerHTML = "";
    if (!focusCard(target) && lastFocus && document.contains(lastFocus)) lastFocus.focus();
  }

  // Open: remember where focus was, then move it into the panel.
  document.addEventListener("htmx:beforeRequest", function (event) {
    const p = panel();
    if (p && !p.contains(event.detail.elt)) lastFocus = document.activeElement;
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    const p = panel();
    // Whitespace around out-of-band fragments must not keep the panel open.
    if (p && event.detail.target === p && !p.innerHTML.trim()) p.innerHTML = "";
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    const p = panel();
    if (!p || event.detail.target !== p || !p.innerHTML.trim()) return;
    const field = p.querySelector("[aria-invalid=true], .has-error input, .has-error select, [autofocus]");
    (field || p.querySelector("#panel-title") || p).focus();
  });

  document.addEventListener("click", function (event) {
    const close = event.target.closest("[data-close-panel]");
    if (close && panel() && panel().contains(close)) {
      event.preventDefault();
      closePanel();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && panel() && panel().innerHTML.trim()) {
      event.preventDefault();
      closePanel();
    }
  });

  // The server announces each change and names the card to focus.
  document.body.addEventListener("fardplan:changed", function (event) {
    const detail = event.detail || {};
    notice("");
    if (detail.message && window.fardplan) window.fardplan.announce(detail.message);
    if (!panel().innerHTML.trim() || !panel().querySelector("form")) {
      // A deleted card (or one the filter now hides) leaves focus on the map, not the page body.
      if (!focusCard(detail.focus)) focusMap();
    } else if (detail.focus) {
      const card = document.getElementById(detail.focus);
      if (card) card.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  });

  function focusMap() {
    const active = document.activeElement;
    if (active && active !== document.body && document.contains(active) && !panel().contains(active)) return;
    const grid = document.getElementById("map-grid");
    if (grid) grid.focus();
  }

  // A refused move (409: someone else moved the card first) is text, not a
  // panel: say so and redraw the map from the server.
  document.addEventListener("htmx:beforeSwap", function (event) {
    const xhr = event.detail.xhr;
    if (!xhr || xhr.status !== 409) return;
    if ((xhr.getResponseHeader("Content-Type") || "").indexOf("text/plain") !== 0) return;
    event.detail.shouldSwap = false;
    notice(xhr.responseText);
    if (window.fardplan) window.fardplan.announce(xhr.responseText);
    reloadMap();
  });

  function reloadMap() {
    htmx.ajax("GET", window.location.href, { target: "#map-body", swap: "outerHTML" });
  }

  document.addEventListener("htmx:responseError", function (event) {
    const xhr = event.detail.xhr;
    const text = xhr && xhr.responseText && xhr.getResponseHeader("Content-Type").indexOf("text/plain") === 0
      ? xhr.responseText
      : "Något gick fel (" + (xhr ? xhr.status : "?") + "). Försök igen.";
    notice(text);
    if (window.fardplan) window.fardplan.announce(text);
    if (event.detail.requestConfig && event.detail.requestConfig.verb === "post" &&
        /\/flytta\/$/.test(event.detail.requestConfig.path)) {
      reloadMap();  // put the card back where the server says it is
    }
  });

  // --- moving cards ---------------------------------------------------

  function move(card, zone, index) {
    const values = {
      lane: zone.dataset.lane || "",
      year: zone.dataset.year || "",
      quarter: zone.dataset.quarter || "",
      version: card.dataset.version,
    };
    if (index !== null && index !== undefined) values.index = index;
    return htmx.ajax("POST", card.dataset.moveUrl, { values: values, target: "#panel", swap: "innerHTML" });
  }

  function initSortables(root) {
    if (typeof Sortable === "undefined") return;
    root.querySelectorAll(".drop-zone").forEach(function (zone) {
      if (zone.dataset.sortable) return;
      zone.dataset.sortable = "1";
      const kind = zone.dataset.kind;
      Sortable.create(zone, {
        group: kind,
        draggable: kind === "activity" ? ".card[data-move-url]" : ".milestone[data-move-url]",
        animation: 120,
        forceFallback: true,  // mouse events, not native DnD: the same on every browser
        emptyInsertThreshold: 6,
        // While dragging, every card sits in its own quarter only, so no
        // wide card covers the cells it would be dropped into.
        onStart: function () { document.body.classList.add("map-dragging"); },
        onEnd: function (evt) {
          document.body.classList.remove("map-dragging");
          if (evt.from === evt.to && evt.oldDraggableIndex === evt.newDraggableIndex) return;
          move(evt.item, evt.to, evt.newDraggableIndex);
        },
      });
    });
  }

  // Arrow keys move a focused card: left/right one quarter, up/down one lane.
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const link = event.target.closest(".card-link");
    const card = link && link.closest("[data-move-url]");
    if (!card) return;
    const zone = card.closest(".drop-zone");
    const body = document.getElementById("map-body");
    if (!zone || !body || !zone.dataset.year) return;  // trays: use "Flytta"
    const deltas = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const delta = deltas[event.key];
    if (!delta) return;
    event.preventDefault();
    let year = Number(zone.dataset.year);
    let quarter = Number(zone.dataset.quarter) + delta[1];
    if (quarter < 1) { quarter = 4; year -= 1; }
    if (quarter > 4) { quarter = 1; year += 1; }
    if (year < Number(body.dataset.planFirstYear) || year > Number(body.dataset.planLastYear)) {
      if (window.fardplan) window.fardplan.announce(body.dataset.edgeTime);
      return;
    }
    let lane = zone.dataset.lane;
    if (delta[0]) {
      if (zone.dataset.kind !== "activity") return;
      const lanes = body.dataset.lanes.split(",");
      const next = lanes.indexOf(lane) + delta[0];
      if (next < 0 || next >= lanes.length) {
        if (window.fardplan) window.fardplan.announce(body.dataset.edgeLane);
        return;
      }
      lane = lanes[next];
    }
    move(card, { dataset: { lane: lane, year: String(year), quarter: String(quarter) } }, null);
  });

  htmx.onLoad(function (element) { initSortables(element.closest ? (element.closest("#map-body") || element) : document); });
  document.addEventListener("DOMContentLoaded", function () { initSortables(document); notice(""); });
})();
