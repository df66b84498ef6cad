// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  function announce(text) {
    const region = document.getElementById("live-region");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }
  window.fardplan = { announce: announce };
  document.addEventListener("fardplan:announce", function (event) {
    announce(event.detail && event.detail.value ? event.detail.value : event.detail);
  });
})();
