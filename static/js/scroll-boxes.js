// A table wider than the window scrolls inside its own box (finsam.css). A keyboard user can
// scroll it only if the box takes focus, so a table that overflows gets tabindex=0, and loses
// it when the window grows and nothing is hidden (no needless stop on the Tab key).
(function () {
  "use strict";
  // The budget grid scrolls in a box of its own (.grid-scroll), read-only for the board too.
  var tables = document.querySelectorAll("table.figures, table.report-table, .grid-scroll");
  if (!tables.length) { return; }

  function mark() {
    tables.forEach(function (table) {
      if (table.scrollWidth > table.clientWidth || table.scrollHeight > table.clientHeight) {
        table.tabIndex = 0;
      } else {
        table.removeAttribute("tabindex");
      }
    });
  }

  mark();
  window.addEventListener("resize", mark);
})();
