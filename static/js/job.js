// A background job's page: asks for the job's status every second and shows its progress;
// when the job has finished, the page is loaded again to show the result (or the failure).
// Without this script the page says how far the job had come and offers to reload.
(function () {
  "use strict";
  var box = document.querySelector(".job[data-status-url]");
  if (!box) { return; }
  var bar = box.querySelector(".job-progress");
  var rows = box.querySelector(".job-rows");
  var label = box.querySelector(".job-status");

  function show(state) {
    if (state.finished) { window.location.reload(); return; }
    label.textContent = state.status_label;
    if (state.percent !== null) { bar.value = state.percent; bar.textContent = state.percent + " %"; }
    if (state.percent !== null) { rows.textContent = state.progress_text; }
    window.setTimeout(poll, 1000);
  }

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response); })
      .then(show)
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  window.setTimeout(poll, 1000);
})();
