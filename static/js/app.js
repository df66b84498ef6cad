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
})();
