// The budget grid: type figures like in a spreadsheet; each changed figure is saved on its own
// and the page shows the new totals without a reload. No framework: the server computes every
// total and returns them; this file only moves focus, posts one cell and writes the answer.
// Its status texts come translated from the template, as the grid's data-say-* attributes.
(function () {
  "use strict";
  var table = document.getElementById("budget-grid");
  if (!table || !table.dataset.saveUrl) { return; }
  var form = document.getElementById("budget-grid-form");
  var status = document.getElementById("grid-status");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function inputs() { return Array.prototype.slice.call(table.querySelectorAll("input.cell")); }

  function position(input) {
    var cell = input.closest("td");
    return { row: cell.parentElement.rowIndex, col: cell.cellIndex };
  }

  function neighbour(input, dRow, dCol) {
    var here = position(input), best = null, bestDistance = Infinity;
    inputs().forEach(function (other) {
      var there = position(other);
      var forward = dRow ? (there.row - here.row) * dRow : (there.col - here.col) * dCol;
      var sameLine = dRow ? there.col === here.col : there.row === here.row;
      if (sameLine && forward > 0 && forward < bestDistance) { best = other; bestDistance = forward; }
    });
    return best;
  }

  function say(text, level) {
    status.textContent = text;
    status.className = "grid-status " + (level || "");
  }

  function apply(cells) {
    Object.keys(cells).forEach(function (key) {
      var element = document.getElementById(key), data = cells[key];
      if (!element) { return; }
      var detail = document.getElementById(key + "-detail");
      if (detail && detail.textContent !== data.detail) { detail.textContent = data.detail; }
      if (element.tagName === "INPUT") {
        element.placeholder = data.text;
        element.title = data.note;
        if (element !== document.activeElement || element.dataset.saving) {
          element.value = data.typed;
          element.dataset.stored = data.stored;
          element.dataset.started = data.typed;
        }
      } else if (element.textContent !== data.text) {
        element.textContent = data.text;
      }
    });
  }

  function save(input) {
    if (input.value === input.dataset.started || input.dataset.saving) { return; }
    var body = new FormData();
    body.append("line", input.dataset.line);
    body.append("column", input.dataset.column);
    body.append("value", input.value);
    body.append("was", input.dataset.stored);
    body.append("enhet", table.dataset.unit);
    body.append("kostnader", table.dataset.costs);
    input.dataset.saving = "1";
    input.classList.remove("stale", "invalid");
    say(table.dataset.saySaving);
    fetch(table.dataset.saveUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (answer) {
      var data = answer.data;
      if (data.ok) {
        apply(data.cells);
        document.getElementById("budget-checks").innerHTML = data.checks_html;
        say(table.dataset.saySaved, "saved");
      } else if (data.stale) {
        input.value = data.typed;
        input.dataset.stored = data.stored;
        input.dataset.started = data.typed;
        input.classList.add("stale");
        say(data.error, "error");
      } else {
        input.classList.add("invalid");
        say(data.error || table.dataset.sayRefused, "error");
      }
    }).catch(function () {
      input.classList.add("invalid");
      say(table.dataset.sayOffline, "error");
    }).finally(function () {
      delete input.dataset.saving;
    });
  }

  function atEdge(input, towardsEnd) {
    if (input.selectionStart !== input.selectionEnd) { return input.selectionStart === 0 && input.selectionEnd === input.value.length; }
    return towardsEnd ? input.selectionEnd === input.value.length : input.selectionStart === 0;
  }

  function move(input, dRow, dCol) {
    var next = neighbour(input, dRow, dCol);
    if (next) { next.focus(); next.select(); }
    return next;
  }

  inputs().forEach(function (input) { input.dataset.started = input.value; });

  table.addEventListener("focusin", function (event) {
    if (event.target.matches("input.cell")) { event.target.select(); }
  });
  table.addEventListener("change", function (event) {
    if (event.target.matches("input.cell")) { save(event.target); }
  });
  table.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches("input.cell")) { return; }
    if (event.key === "Enter") {
      event.preventDefault();
      save(input);
      move(input, event.shiftKey ? -1 : 1, 0);
    } else if (event.key === "Escape") {
      input.value = input.dataset.started;
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      save(input);
      move(input, event.key === "ArrowDown" ? 1 : -1, 0);
    } else if ((event.key === "ArrowRight" || event.key === "ArrowLeft") && atEdge(input, event.key === "ArrowRight")) {
      event.preventDefault();
      save(input);
      move(input, 0, event.key === "ArrowRight" ? 1 : -1);
    }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
