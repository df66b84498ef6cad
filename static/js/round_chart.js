// Draws a round's answer chart from the figure the server built (rounds/chart.py).
window.fardplan.drawFigure("round-chart", "round-chart-data", {
  responsive: true,
  displaylogo: false,
  displayModeBar: false,
  staticPlot: true
});
