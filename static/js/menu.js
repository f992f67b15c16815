// The header menu on narrow screens: folded behind a button. Without this script (or with
// it blocked) the menu simply stays unfolded and wraps, so nothing becomes unreachable.
(function () {
  "use strict";
  var bar = document.querySelector("header.topbar");
  var button = bar && bar.querySelector(".menu-toggle");
  if (!button || !bar.querySelector("nav, .logout")) { return; }

  function fold(open) {
    bar.classList.toggle("open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  bar.classList.add("foldable");
  button.hidden = false;
  button.addEventListener("click", function () { fold(!bar.classList.contains("open")); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && bar.classList.contains("open")) { fold(false); button.focus(); }
  });
})();
