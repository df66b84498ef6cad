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
  document.addEventListener("htmx:afterSettle", draw);

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
