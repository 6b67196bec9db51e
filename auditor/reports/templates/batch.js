/* The batch index's one script: sort buttons in the column headers, and the filter.
   Allowed by the page's Content-Security-Policy through its SHA-256 hash alone; it reads only
   data- attributes and the report's own words (data-words-* on the table), and writes text. */
(function () {
  "use strict";
  var table = document.getElementById("sites");
  if (!table || !table.tHead || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var live = document.getElementById("table-status");
  var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });

  function words(name) { return table.getAttribute("data-words-" + name) || ""; }

  function keyOf(row, index) {
    var cell = row.cells[index];
    return {
      group: Number(cell.getAttribute("data-group") || 0),
      value: cell.getAttribute("data-sort") !== null ? cell.getAttribute("data-sort") : cell.textContent
    };
  }

  function sortBy(th, direction) {
    var index = heads.indexOf(th);
    var numeric = th.getAttribute("data-type") === "number";
    var sign = direction === "ascending" ? 1 : -1;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = keyOf(a, index), y = keyOf(b, index);
      if (x.group !== y.group) { return x.group - y.group; }  /* empty and unranked last, both ways */
      var d = numeric ? parseFloat(x.value) - parseFloat(y.value) : collator.compare(x.value, y.value);
      if (d === 0 || isNaN(d)) {
        return Number(a.getAttribute("data-position")) - Number(b.getAttribute("data-position"));
      }
      return sign * d;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    heads.forEach(function (other) { if (other !== th) { other.removeAttribute("aria-sort"); } });
    th.setAttribute("aria-sort", direction);
    live.textContent = words("sorted").replace("{column}", th.textContent.trim()).replace("{direction}", words(direction));
  }

  heads.forEach(function (th) {
    if (!th.hasAttribute("data-type")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    button.addEventListener("click", function () {
      var now = th.getAttribute("aria-sort");
      var next = now === "ascending" ? "descending" : now === "descending" ? "ascending"
        : (th.getAttribute("data-first") || "ascending");
      sortBy(th, next);
    });
  });

  var form = document.getElementById("filters");
  var text = document.getElementById("filter-text");
  var show = document.getElementById("filter-show");
  if (!form || !text || !show) { return; }

  function matches(row, which) {
    if (which === "all") { return true; }
    if (which === "audited" || which === "not_audited") { return row.getAttribute("data-status") === which; }
    return row.getAttribute("data-rank") === which;
  }

  function apply() {
    var query = text.value.trim().toLowerCase();
    var which = show.value;
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var visible = matches(row, which) && (!query || row.getAttribute("data-search").indexOf(query) !== -1);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    live.textContent = words("shown").replace("{shown}", String(shown)).replace("{n}", String(body.rows.length));
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  text.addEventListener("input", apply);
  show.addEventListener("change", apply);
  form.hidden = false;
  var hint = document.getElementById("sort-hint");
  if (hint) { hint.hidden = false; }
})();
