// Draws the map's finish → start dependencies as lines between the cards.
// Everything comes from the cards themselves (data-after: predecessor ids,
// data-start/data-end: quarter indexes), so a card swapped in by htmx after a
// move carries what is needed and the lines follow it. Only cards on the grid
// are joined: a card in a tray, or outside the shown quarters, has no line
// (the legend's text list names every dependency and says which are not drawn).
// The SVG is decoration: aria-hidden; the text list is the accessible path.
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  let pending = false;

  function el(name, attrs) {
    const node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  function arrow(id, cls) {
    const marker = el("marker", {
      id: id, viewBox: "0 0 10 10", refX: "9", refY: "5",
      markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse",
    });
    marker.appendChild(el("path", { d: "M0,0 L10,5 L0,10 z", class: cls }));
    return marker;
  }

  function markers() {
    const defs = el("defs", {});
    // A broken dependency also starts with a cross and is dashed: not told apart by colour alone.
    const cross = el("marker", {
      id: "connector-cross", viewBox: "0 0 10 10", refX: "5", refY: "5",
      markerWidth: "9", markerHeight: "9", orient: "0",
    });
    cross.appendChild(el("path", { d: "M1,1 L9,9 M9,1 L1,9", class: "connector-cross" }));
    defs.appendChild(arrow("connector-arrow", "connector-head"));
    defs.appendChild(arrow("connector-arrow-broken", "connector-head connector-head-broken"));
    defs.appendChild(cross);
    return defs;
  }

  function overlay(scroll) {
    let svg = scroll.querySelector(":scope > svg.map-connectors");
    if (!svg) {
      svg = el("svg", { class: "map-connectors", "aria-hidden": "true", focusable: "false" });
      scroll.insertBefore(svg, scroll.firstChild);  // before the table: its sticky lane names paint above
    }
    return svg;
  }

  // Where the line leaves a card: the end of its own quarters. A card drawn
  // wider than it lasts (the whole-plan scale's minimum width) marks that end
  // with a bar along its bottom edge, so the line leaves from the bar's end.
  function exit(card, box) {
    const style = card.style;
    const span = Number(style.getPropertyValue("--span")) || 1;
    const real = Number(style.getPropertyValue("--real")) || span;
    if (real >= span) return { x: box.right, y: box.top + box.height / 2, down: false };
    return { x: box.left + box.width * real / span, y: box.bottom, down: true };
  }

  function draw() {
    pending = false;
    const scroll = document.getElementById("map-grid");
    const table = scroll && scroll.querySelector("table.map-grid");
    if (!table) return;
    const svg = overlay(scroll);
    const paths = [];
    const origin = scroll.getBoundingClientRect();
    const dx = scroll.scrollLeft - origin.left - scroll.clientLeft;
    const dy = scroll.scrollTop - origin.top - scroll.clientTop;
    const cards = {};
    table.querySelectorAll(".card[data-start]").forEach(function (card) { cards[card.dataset.id] = card; });
    Object.keys(cards).forEach(function (id) {
      const succ = cards[id];
      (succ.dataset.after || "").split(",").forEach(function (predId) {
        const pred = predId && cards[predId];
        if (!pred) return;
        const a = pred.getBoundingClientRect();
        const b = succ.getBoundingClientRect();
        const broken = Number(succ.dataset.start) < Number(pred.dataset.end);
        const out = exit(pred, a);
        const x1 = out.x + dx, y1 = out.y + dy;
        const x2 = b.left + dx, y2 = b.top + b.height / 2 + dy;
        const bend = Math.max(24, Math.abs(x2 - x1) / 3);
        const c1 = out.down ? x1 + "," + (y1 + bend) : (x1 + bend) + "," + y1;
        const path = el("path", {
          d: "M" + x1 + "," + y1 + " C" + c1 + " " + (x2 - bend) + "," + y2 + " " + x2 + "," + y2,
          class: "connector" + (broken ? " connector-broken" : ""),
          "data-from": predId,
          "data-to": id,
          "marker-end": broken ? "url(#connector-arrow-broken)" : "url(#connector-arrow)",
        });
        if (broken) path.setAttribute("marker-start", "url(#connector-cross)");
        paths.push(path);
      });
    });
    // Unchanged lines stay as they are: a redraw on every resize frame would
    // otherwise replace them while someone (or a test) reads them.
    const size = table.offsetWidth + "x" + table.offsetHeight;
    const key = size + paths.map(function (p) { return p.getAttribute("class") + p.getAttribute("d"); }).join("|");
    if (svg.dataset.key === key) return;
    svg.dataset.key = key;
    svg.setAttribute("width", String(table.offsetWidth));
    svg.setAttribute("height", String(table.offsetHeight));
    svg.replaceChildren(markers());
    paths.forEach(function (p) { svg.appendChild(p); });
  }

  // The lines of the card under the pointer or in focus stand out from the rest.
  function highlight(event) {
    const card = event.target.closest && event.target.closest(".card[data-id]");
    const svg = document.querySelector("#map-grid svg.map-connectors");
    if (!svg) return;
    const id = card && event.type !== "mouseout" && event.type !== "focusout" ? card.dataset.id : "";
    svg.querySelectorAll("path.connector").forEach(function (path) {
      const mine = id && (path.dataset.from === id || path.dataset.to === id);
      path.classList.toggle("connector-active", Boolean(mine));
    });
  }
  ["mouseover", "mouseout", "focusin", "focusout"].forEach(function (type) {
    document.addEventListener(type, highlight);
  });

  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(draw);
  }

  // Redrawn after every htmx swap (a move, a scale or filter change), a resize
  // of the window or the grid, and for printing (the page is laid out anew).
  document.addEventListener("htmx:afterSettle", schedule);
  window.addEventListener("resize", schedule);
  window.addEventListener("beforeprint", draw);
  window.addEventListener("afterprint", draw);
  if (window.matchMedia) {
    const print = window.matchMedia("print");
    if (print.addEventListener) print.addEventListener("change", draw);
  }
  function observe() {
    draw();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(schedule);
    const watch = function () {
      const table = document.querySelector("#map-grid table.map-grid");
      if (table && table.dataset.observed !== "1") {
        table.dataset.observed = "1";
        observer.observe(table);
      }
    };
    watch();
    document.addEventListener("htmx:afterSettle", watch);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", observe);
  else observe();
  window.fardplanConnectors = { draw: draw };
})();
