/*
 * Tables (render/templates/_table.md.j2), loaded only by the pages that hold one: copy
 * link / copy citation for a row, added to the row pointed at, focused (Tab to its #
 * link) or opened by its link, so that a table of thousands of rows is not given
 * thousands of buttons up front; a filter box above a long table; and the copy buttons of a provision's clauses that
 * stand after a table (measures.js sets up the first list of clauses only). Text comes
 * from data-* attributes and cells; it is only ever set with textContent.
 */
(function () {
  "use strict";

  // Copying and announcing as the clauses do: measures.js's, loaded on every page before
  // this file (window.tmCopy), looked up when a button is used.
  function announce(text) { window.tmCopy.announce(text); }
  function copyText(text) { return window.tmCopy.copyText(text); }
  function flash(button, text) { window.tmCopy.flash(button, text); }

  function button(kind, label, name, text, copied, failed) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "tm-copy tm-copy--" + kind;
    b.textContent = label;
    b.dataset.text = label;
    b.setAttribute("aria-label", name);
    b.title = name;
    b.addEventListener("click", function () {
      copyText(text()).then(
        function () { flash(b, copied); },
        function () { flash(b, failed); }
      );
    });
    return b;
  }

  // the row's text: its cells, the tools' cell left out
  function rowText(row) {
    var cells = [];
    Array.prototype.forEach.call(row.cells, function (cell) {
      if (!cell.classList.contains("tm-row__tools")) {
        var text = cell.textContent.trim();
        if (text) { cells.push(text); }
      }
    });
    return cells.join(" ");
  }

  function rowTools(row) {
    if (!row || !row.id || row.dataset.tmReady) { return; }
    var box = row.closest("div.tm-table");
    var cell = row.querySelector("td.tm-row__tools");
    if (!box || !cell) { return; }
    row.dataset.tmReady = "1";
    var ref = row.dataset.ref;
    var url = box.dataset.url + "#" + row.id;
    cell.appendChild(button("link", box.dataset.copyLink, box.dataset.copyLink + "（" + ref + "）",
      function () { return url; }, box.dataset.copied, box.dataset.copyFailed));
    cell.appendChild(button("citation", box.dataset.copyCitation,
      box.dataset.copyCitation + "（" + ref + "）",
      function () {
        return box.dataset.citation.split("{ref}").join(ref)
          .split("{text}").join(rowText(row)).split("{url}").join(url);
      }, box.dataset.copied, box.dataset.copyFailed));
  }

  function fromEvent(event) {
    var target = event.target;
    if (!target || !target.closest) { return; }
    var row = target.closest("div.tm-table tr[id]");
    if (row) { rowTools(row); }
  }

  function targeted() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    var row = document.getElementById(id);
    if (row && row.tagName === "TR") { rowTools(row); }
  }

  // clause lists after a table: as measures.js does for the first
  function clauseLists() {
    document.querySelectorAll("ol.tm-clauses").forEach(function (list) {
      if (list.dataset.tmReady) { return; }
      list.dataset.tmReady = "1";
      list.querySelectorAll("li.tm-clause").forEach(function (item) {
        var tools = document.createElement("span");
        tools.className = "tm-clause__tools";
        tools.appendChild(button("link", list.dataset.copyLink, item.dataset.labelLink,
          function () { return item.dataset.url; }, list.dataset.copied, list.dataset.copyFailed));
        tools.appendChild(button("citation", list.dataset.copyCitation, item.dataset.labelCitation,
          function () { return item.dataset.citation; }, list.dataset.copied,
          list.dataset.copyFailed));
        item.appendChild(tools);
      });
    });
  }

  // A long table gets a filter box: the rows holding what is typed (a code, its first
  // digits, words of a name) stay, the others are hidden, a group heading with them.
  var FILTER_FROM = 20;

  function setupFilter(box) {
    var rows = Array.prototype.slice.call(box.querySelectorAll("tbody tr[id]"));
    if (rows.length < FILTER_FROM || box.dataset.tmFilter) { return; }
    box.dataset.tmFilter = "1";
    var texts = rows.map(function (row) { return rowText(row).toLowerCase(); });
    var groups = Array.prototype.slice.call(box.querySelectorAll("tbody"));
    var form = document.createElement("div");
    form.className = "tm-table__filter";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "search";
    input.id = box.id + "-filter";
    label.htmlFor = input.id;
    label.textContent = box.dataset.filter;
    var status = document.createElement("span");
    status.className = "tm-table__count";
    status.setAttribute("role", "status");
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(status);
    box.insertBefore(form, box.firstChild);
    var timer;
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, k) {
        var keep = words.every(function (w) { return texts[k].indexOf(w) !== -1; });
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      groups.forEach(function (group) {
        group.hidden = words.length > 0 && !group.querySelector("tr[id]:not([hidden])");
      });
      status.textContent = words.length ? box.dataset.filterStatus
        .split("{shown}").join(String(shown)).split("{rows}").join(String(rows.length)) : "";
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 120);
    });
  }

  function init() {
    if (!document.querySelector("div.tm-table")) { return; }
    document.querySelectorAll("div.tm-table").forEach(setupFilter);
    // measures.js first: the first list keeps the tools it gives
    window.setTimeout(clauseLists, 0);
    document.addEventListener("focusin", fromEvent);
    document.addEventListener("pointerover", fromEvent);
    window.addEventListener("hashchange", targeted);
    targeted();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
