// A table wider than the window scrolls inside its own box (finsam.css). A keyboard user can
// scroll it only if the box takes focus, so a table that overflows gets tabindex=0, and loses
// it when the window grows and nothing is hidden (no needless stop on the Tab key).
(function () {
  "use strict";
  var tables = document.querySelectorAll("table.figures, table.report-table");
  if (!tables.length) { return; }

  function mark() {
    tables.forEach(function (table) {
      if (table.scrollWidth > table.clientWidth) {
        table.tabIndex = 0;
      } else {
        table.removeAttribute("tabindex");
      }
    });
  }

  mark();
  window.addEventListener("resize", mark);
})();
