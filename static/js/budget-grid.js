// The budget grid: type figures like in a spreadsheet; each changed figure is saved on its own
// and the page shows the new totals without a reload. No framework: the server computes every
// total and returns them; this file only moves focus, posts cells and writes the answer.
// Its status texts come translated from the template, as the grid's data-say-* attributes.
// Messages appear at the cell they are about (a note under it, which the input names with
// aria-describedby) and in the page's aria-live region, so a screen reader hears them too.
(function () {
  "use strict";
  var table = document.getElementById("budget-grid");
  if (!table || !table.dataset.saveUrl) { return; }
  var form = document.getElementById("budget-grid-form");
  var status = document.getElementById("grid-status");
  var undoButton = document.getElementById("grid-undo");
  var say_ = table.dataset;
  // Own changes, newest last: each a list of {key, value, was} that puts the figures back.
  var undoStack = [];

  function inputs() { return Array.prototype.slice.call(table.querySelectorAll("input.cell")); }

  // Signing in again (in another tab) gives a new CSRF token: read the cookie at each post.
  function csrf() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : form.querySelector("input[name=csrfmiddlewaretoken]").value;
  }

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

  function cellName(input) { return input.getAttribute("aria-label") || ""; }

  // The note under a cell: text, a level (saved, error, stale) and optional buttons/links.
  function note(input, text, level, extras) {
    var id = input.id + "-note", element = document.getElementById(id);
    if (!element) {
      element = document.createElement("div");
      element.id = id;
      input.closest("td").appendChild(element);
    }
    clearTimeout(element.hideTimer);
    element.shownAt = Date.now();
    element.className = "cell-note " + (level || "");  // shown in full again
    element.textContent = text;
    (extras || []).forEach(function (extra) { element.appendChild(document.createTextNode(" ")); element.appendChild(extra); });
    // Under the cell, reaching left from its right edge, unless that leaves the table.
    var cell = input.closest("td");
    element.classList.toggle("from-left", cell.offsetLeft + cell.offsetWidth < element.offsetWidth);
    if (level === "error" || level === "stale") { element.scrollIntoView({ block: "nearest", inline: "nearest" }); }
    input.setAttribute("aria-describedby", id);
    if (level === "error" || level === "stale") { input.setAttribute("aria-invalid", "true"); }
    else { input.removeAttribute("aria-invalid"); }
    if (level === "saved") {
      element.hideTimer = setTimeout(function () { clearNote(input); }, 2500);
    }
    return element;
  }

  function clearNote(input) {
    var element = document.getElementById(input.id + "-note");
    if (element) { element.remove(); }
    input.removeAttribute("aria-describedby");
    input.removeAttribute("aria-invalid");
  }

  function button(text, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.textContent = text;
    element.addEventListener("click", onClick);
    return element;
  }

  function loginLink() {
    var link = document.createElement("a");
    link.href = table.dataset.loginUrl;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = say_.sayLogin;
    return link;
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
        // A refused figure keeps what was typed (and the figure it started from, so saving
        // it later still refuses a stale save) until it is corrected.
        var refused = element.classList.contains("invalid") && !element.dataset.saving;
        if (!refused && (element !== document.activeElement || element.dataset.saving)) {
          element.value = data.typed;
          element.dataset.stored = data.stored;
          element.dataset.started = data.typed;
        }
      } else if (element.textContent !== data.text) {
        element.textContent = data.text;
      }
    });
  }

  function refreshChecks(data) {
    if (data.checks_html !== undefined) { document.getElementById("budget-checks").innerHTML = data.checks_html; }
  }

  // One post; `done(data, status)` gets the answer, or `expired()` when the session is gone
  // (the request was sent to sign-in, or refused), `offline()` when nothing answered.
  function post(url, body, handlers) {
    body.append("enhet", table.dataset.unit);
    body.append("kostnader", table.dataset.costs);
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "Accept": "application/json" }
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (response.redirected || response.status === 401 || response.status === 403 || !json) {
        handlers.expired();
        return null;
      }
      return response.json().then(function (data) { handlers.done(data, response.status); });
    }).catch(function () { handlers.offline(); });
  }

  function pushUndo(changes) {
    if (!changes.length) { return; }
    undoStack.push(changes);
    undoButton.disabled = false;
  }

  function expiredAt(input) {
    input.classList.add("invalid");
    var again = button(say_.saySaveAgain, function () { save(input); });
    note(input, say_.sayExpired, "error", [loginLink(), again]);
    say(say_.sayExpired, "error");
  }

  function conflictAt(input, own, data, isUndo) {
    input.classList.add("stale");
    var text = say_.sayConflict.replace("%(own)s", own || "–").replace("%(theirs)s", data.typed || "–");
    var useOwn = button(say_.sayUseOwn, function () {
      input.value = own;
      save(input);
    });
    note(input, (isUndo ? say_.sayUndoRefused + " " : "") + text, "stale", [useOwn]);
    say(data.error, "error");
  }

  // Save the figure typed in `input`; `undo` is {was} when this puts a figure back.
  function save(input, undo) {
    if (input.dataset.saving || (!undo && input.value === input.dataset.started)) { return; }
    var typed = input.value, before = input.dataset.started;
    var body = new FormData();
    body.append("line", input.dataset.line);
    body.append("column", input.dataset.column);
    body.append("value", typed);
    body.append("was", undo ? undo.was : input.dataset.stored);
    input.dataset.saving = "1";
    input.classList.remove("stale", "invalid");
    say(say_.saySaving);
    post(table.dataset.saveUrl, body, {
      done: function (data) {
        if (data.cells) { apply(data.cells); refreshChecks(data); }
        if (data.ok) {
          if (!undo) { pushUndo([{ key: input.id, value: before, was: data.cells[input.id].stored }]); }
          note(input, undo ? say_.sayUndone : say_.saySaved, "saved");
          say((undo ? say_.sayUndone : say_.saySaved) + " " + cellName(input), "saved");
        } else if (data.stale) {
          input.value = data.typed;
          input.dataset.stored = data.stored;
          input.dataset.started = data.typed;
          conflictAt(input, typed, data, Boolean(undo));
        } else {
          input.classList.add("invalid");
          note(input, data.error || say_.sayRefused, "error");
          say(data.error || say_.sayRefused, "error");
        }
      },
      expired: function () { expiredAt(input); },
      offline: function () {
        input.classList.add("invalid");
        note(input, say_.sayOffline, "error");
        say(say_.sayOffline, "error");
      }
    }).finally(function () { delete input.dataset.saving; });
  }

  // A block copied from a spreadsheet: rows by newline, cells by tab, one trailing newline.
  function pastedRows(text) {
    var rows = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
    return rows.map(function (row) { return row.split("\t"); });
  }

  function paste(start, rows) {
    var cells = [], targets = [], outside = 0, rowStart = start;
    rows.forEach(function (values, r) {
      if (r > 0) { rowStart = rowStart && neighbour(rowStart, 1, 0); }
      var target = rowStart;
      values.forEach(function (value, c) {
        if (c > 0) { target = target && neighbour(target, 0, 1); }
        if (!target) { outside += 1; return; }
        targets.push({ input: target, value: value.trim(), before: target.dataset.started });
        cells.push({ line: target.dataset.line, column: target.dataset.column, value: value.trim(), was: target.dataset.stored });
      });
    });
    if (!cells.length) { return; }
    var body = new FormData();
    body.append("cells", JSON.stringify(cells));
    targets.forEach(function (t) { t.input.dataset.saving = "1"; t.input.classList.remove("stale", "invalid"); clearNote(t.input); });
    say(say_.saySaving);
    post(table.dataset.pasteUrl, body, {
      done: function (data) {
        if (!data.cells) {
          note(start, data.error || say_.sayRefused, "error");
          say(data.error || say_.sayRefused, "error");
          return;
        }
        apply(data.cells);
        refreshChecks(data);
        var refusedNames = [], changes = [];
        targets.forEach(function (t) {
          var message = data.refused[t.input.id];
          if (message) {
            // Keep what was pasted, so it can be corrected and saved with Enter.
            t.input.value = t.value;
            t.input.classList.add("invalid");
            note(t.input, message, "error");
            refusedNames.push(cellName(t.input));
          } else {
            changes.push({ key: t.input.id, value: t.before, was: data.cells[t.input.id].stored });
          }
        });
        pushUndo(changes);
        var text = say_.sayPasted.replace("%(count)s", data.saved);
        if (refusedNames.length) { text += " " + say_.sayPasteRefused + " " + refusedNames.join("; ") + "."; }
        if (outside) { text += " " + say_.sayOutside.replace("%(count)s", outside); }
        // The refused cells show their own messages; the summary is in the status line.
        if (!refusedNames.length) { note(start, text, "saved"); }
        say(text, refusedNames.length ? "error" : "saved");
      },
      expired: function () {
        targets.forEach(function (t) { t.input.value = t.value; });
        expiredAt(start);
      },
      offline: function () {
        targets.forEach(function (t) { t.input.value = t.value; });
        note(start, say_.sayOffline, "error");
        say(say_.sayOffline, "error");
      }
    }).finally(function () { targets.forEach(function (t) { delete t.input.dataset.saving; }); });
  }

  function undo() {
    var changes = undoStack.pop();
    undoButton.disabled = undoStack.length === 0;
    if (!changes) { return; }
    if (changes.length === 1) {
      var input = document.getElementById(changes[0].key);
      input.value = changes[0].value;
      save(input, { was: changes[0].was });
      return;
    }
    var body = new FormData();
    body.append("cells", JSON.stringify(changes.map(function (change) {
      var input = document.getElementById(change.key);
      return { line: input.dataset.line, column: input.dataset.column, value: change.value, was: change.was };
    })));
    post(table.dataset.pasteUrl, body, {
      done: function (data) {
        if (!data.cells) { say(data.error || say_.sayRefused, "error"); return; }
        apply(data.cells);
        refreshChecks(data);
        Object.keys(data.refused).forEach(function (key) {
          note(document.getElementById(key), say_.sayUndoRefused + " " + data.refused[key], "stale");
        });
        say(Object.keys(data.refused).length ? say_.sayUndoRefused : say_.sayUndone, Object.keys(data.refused).length ? "error" : "saved");
      },
      expired: function () { say(say_.sayExpired, "error"); },
      offline: function () { say(say_.sayOffline, "error"); }
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
  // Back from adding a line (#rad-<id>): its first figure gets focus, ready for typing.
  var arrived = location.hash.indexOf("#rad-") === 0 && document.getElementById(location.hash.slice(1));
  var firstOfLine = arrived && arrived.querySelector("input.cell");
  // After the load: the browser's own scroll to the #fragment would otherwise undo the focus.
  if (firstOfLine) {
    window.addEventListener("load", function () { setTimeout(function () { firstOfLine.focus(); }, 0); });
  }

  table.addEventListener("focusin", function (event) {
    if (!event.target.matches("input.cell")) { return; }
    event.target.select();
    // A message shown a while ago folds away once the user works elsewhere, so it does not
    // cover the cells under it; its cell stays marked and shows it again on focus or hover.
    var here = event.target.closest("td");
    Array.prototype.forEach.call(table.querySelectorAll(".cell-note.error, .cell-note.stale"), function (element) {
      if (element.parentElement !== here && Date.now() - element.shownAt > 3000) { element.classList.add("quiet"); }
    });
  });
  table.addEventListener("change", function (event) {
    if (event.target.matches("input.cell")) { save(event.target); }
  });
  table.addEventListener("paste", function (event) {
    var input = event.target;
    if (!input.matches("input.cell") || !event.clipboardData) { return; }
    var text = event.clipboardData.getData("text/plain");
    if (!/[\t\n\r]/.test(text)) { return; }  // one figure: the browser pastes it as typed
    event.preventDefault();
    paste(input, pastedRows(text));
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
  // Ctrl+Z undoes one's last saved change, unless a figure is being typed (the browser's
  // own undo then undoes the typing) or focus is in another text field.
  document.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.key.toLowerCase() !== "z") { return; }
    var active = document.activeElement;
    var editing = active && active.matches("input.cell") && active.value !== active.dataset.started;
    var otherText = active && active.matches("input:not(.cell), textarea, select, [contenteditable]");
    if (editing || otherText) { return; }
    event.preventDefault();
    undo();
  });
  undoButton.addEventListener("click", undo);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
