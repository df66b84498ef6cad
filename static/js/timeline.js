// Draws the plan's timeline from the figure the server built (review/timeline.py).
window.fardplan.drawFigure("timeline", "timeline-data", {
  responsive: true,
  displaylogo: false,
  locale: document.documentElement.lang || "sv"
});
