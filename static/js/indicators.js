// The values grid: Enter and the arrow keys move between rows in the same
// column; a changed row saves itself (htmx) when the focus leaves it, so a
// row is never replaced while someone is typing in it. The grid is also a plain
// form with a "save all" button, so it works without this file.
(function () {
  "use strict";

  // A refused row (422) comes back with its errors.
  window.fardplan.swapRefusals(["422"]);

  function cellIn(row, col) {
    return row && row.querySelector('input[data-col="' + col + '"]');
  }

  function move(input, step) {
    const col = input.dataset.col;
    let row = input.closest("tr");
    do {
      row = step > 0 ? row.nextElementSibling : row.previousElementSibling;
    } while (row && !cellIn(row, col) && !cellIn(row, "period"));
    // A new row starts with its period: go there while it is still empty.
    const period = cellIn(row, "period");
    const target = period && !period.value ? period : cellIn(row, col) || period;
    if (target) { target.focus(); target.select(); }
  }

  document.addEventListener("keydown", function (event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.closest(".value-grid")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Enter" || event.key === "ArrowDown") {
      event.preventDefault();
      move(input, 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(input, -1);
    }
  });

  document.addEventListener("input", function (event) {
    const row = event.target.closest && event.target.closest(".value-grid .grid-row");
    if (row) row.dataset.dirty = "1";
  });
  document.addEventListener("focusout", function (event) {
    const row = event.target.closest && event.target.closest(".value-grid .grid-row");
    if (!row || !row.dataset.dirty) return;
    window.setTimeout(function () {
      if (row.contains(document.activeElement) || !row.isConnected) return;
      delete row.dataset.dirty;
      htmx.trigger(row, "rowsave");
    }, 0);
  });

  // A row that was saved is replaced: keep the focus in the same column of
  // the row at the same place (a new row's id changes when it is saved).
  let focusAt = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    const active = document.activeElement;
    const row = event.detail.target;
    if (!row || !row.closest || !row.closest(".value-grid")) return;
    focusAt = active && row.contains(active)
      ? { body: row.parentElement, index: row.sectionRowIndex, col: active.dataset.col }
      : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!focusAt) return;
    const target = cellIn(focusAt.body.rows[focusAt.index], focusAt.col);
    if (target) target.focus();
    focusAt = null;
  });
})();
