// Draws the plan's timeline from the figure the server built (roadmap/timeline.py).
(function () {
  "use strict";
  function draw() {
    var node = document.getElementById("timeline");
    var data = document.getElementById("timeline-data");
    if (!node || !data || !window.Plotly) return;
    var figure = JSON.parse(data.textContent);
    window.Plotly.newPlot(node, figure.data, figure.layout, {
      responsive: true,
      displaylogo: false,
      locale: document.documentElement.lang || "sv"
    }).then(function () { node.setAttribute("data-drawn", "true"); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
