// Small progressive enhancements, and what the pages' own scripts share (window.fardplan);
// every page works without this file.
(function () {
  "use strict";
  function announce(text) {
    const region = document.getElementById("live-region");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }
  // A page whose forms answer a refusal with the form again (422, and on the map an
  // edit conflict, 409) has htmx swap those in; any other error is not swapped.
  function swapRefusals(codes) {
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      ...codes.map(function (code) { return { code: code, swap: true, error: false }; }),
      { code: "[45]..", swap: false, error: true },
    ];
  }
  // Draws the plotly figure the server built (the json_script `dataId`) into `nodeId`,
  // which says data-drawn="true" once drawn; `config` is the chart's plotly config.
  function drawFigure(nodeId, dataId, config) {
    function draw() {
      const node = document.getElementById(nodeId);
      const data = document.getElementById(dataId);
      if (!node || !data || !window.Plotly) return;
      const figure = JSON.parse(data.textContent);
      window.Plotly.newPlot(node, figure.data, figure.layout, config)
        .then(function () { node.setAttribute("data-drawn", "true"); });
    }
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", draw);
    } else {
      draw();
    }
  }
  window.fardplan = { announce: announce, swapRefusals: swapRefusals, drawFigure: drawFigure };
  document.addEventListener("fardplan:announce", function (event) {
    announce(event.detail && event.detail.value ? event.detail.value : event.detail);
  });
  // Behaviour that used to sit in inline handlers, which the CSP forbids.
  document.addEventListener("change", function (event) {
    const field = event.target;
    if (field.matches && field.matches("[data-submit-on-change]") && field.form) field.form.submit();
  });
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.matches || !form.matches("[data-disable-on-submit]")) return;
    const button = form.querySelector(".primary");
    if (button) button.disabled = true;
  });
  // A confirmation swapped into a [data-focus-swapped] region takes the focus
  // (its heading), so a keyboard or screen-reader user lands on the question.
  document.addEventListener("htmx:afterSettle", function (event) {
    const target = event.detail.target;
    if (!target || !target.matches || !target.matches("[data-focus-swapped]")) return;
    const heading = target.querySelector("[tabindex='-1']");
    if (heading) heading.focus();
    target.scrollIntoView({ block: "nearest" });  // the whole question and its buttons
  });
  document.addEventListener("click", function (event) {
    const cancel = event.target.closest && event.target.closest("[data-clear-swapped]");
    const region = cancel && cancel.closest("[data-focus-swapped]");
    if (!region) return;
    event.preventDefault();
    region.innerHTML = "";
    const opener = document.querySelector("[aria-controls='" + region.id + "']");
    if (opener) opener.focus();
  });
})();
