// Draws a round's answer chart from the figure the server built (rounds/chart.py).
(function () {
  "use strict";
  function draw() {
    var node = document.getElementById("round-chart");
    var data = document.getElementById("round-chart-data");
    if (!node || !data || !window.Plotly) return;
    var figure = JSON.parse(data.textContent);
    window.Plotly.newPlot(node, figure.data, figure.layout, {
      responsive: true,
      displaylogo: false,
      displayModeBar: false,
      staticPlot: true
    }).then(function () { node.setAttribute("data-drawn", "true"); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
