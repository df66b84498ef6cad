// Staffing pages: draw the plotly figures from their JSON, and show upload progress.
// Every page works without this file: the numbers are in tables beside each chart.
(function () {
  "use strict";

  function draw() {
    if (!window.Plotly) return;
    document.querySelectorAll("[data-figure]").forEach(function (el) {
      var source = document.getElementById(el.dataset.figure);
      if (!source) return;
      var figure = JSON.parse(source.textContent);
      window.Plotly.react(el, figure.data, figure.layout, {
        responsive: true,
        displayModeBar: false,
      });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target && target.querySelector && target.querySelector("[data-figure]")) draw();
  });

  // Paging the unit table by keyboard: the swap replaces the link that had focus, so
  // focus goes back to the same link on the new page (or the table when it is gone).
  var focusAfterSwap = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    if (source && source.closest && source.closest("#unit-table") && source.id) {
      focusAfterSwap = source.id;
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    // Only the table's own swap: the status line beside it settles separately (out of
    // band), sometimes first, while the old link is still in the page.
    if (!focusAfterSwap || event.target.id !== "unit-table") return;
    var target =
      document.getElementById(focusAfterSwap) ||
      document.querySelector("#unit-table .st-table-scroll");
    focusAfterSwap = null;
    if (target) target.focus();
  });

  // Upload progress is real; once the file is sent the bar turns indeterminate
  // while the server reads the workbook.
  document.addEventListener("htmx:xhr:progress", function (event) {
    var bar = document.getElementById("upload-progress-bar");
    if (!bar || !event.detail.lengthComputable) return;
    var percent = Math.round((event.detail.loaded / event.detail.total) * 100);
    if (percent >= 100) {
      bar.removeAttribute("value");
    } else {
      bar.value = percent;
    }
  });
})();
