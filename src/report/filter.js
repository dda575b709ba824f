(function () {
  var form = document.getElementById("filter");
  if (!form) return;
  form.hidden = false;
  var text = form.elements.q, body = form.elements.body, outcome = form.elements.outcome;
  var shown = form.querySelector("output");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-body]"));
  function fold(s) { return s.normalize("NFC").toLowerCase(); }
  function has(list, word) { return ("|" + list + "|").indexOf("|" + word + "|") >= 0; }
  function run() {
    var t = fold(text.value.trim()), b = body.value, o = outcome.value, n = 0;
    rows.forEach(function (row) {
      var ok = (!b || has(row.dataset.body, b)) &&
        (!o || has(row.dataset.outcome, o)) &&
        (!t || fold(row.textContent).indexOf(t) >= 0);
      row.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + " of " + rows.length + " rows shown";
  }
  form.addEventListener("input", run);
  form.addEventListener("change", run);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  run();
})();
