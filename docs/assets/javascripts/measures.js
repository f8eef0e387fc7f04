/*
 * Copy link / copy citation on each clause of a measure page, the theme
 * filter of the measures index, the reading tools of every page's header
 * (字号, 高对比度: prefs.js applies the kept choice before the first paint) and
 * 朗读 on measure pages; the library's search form. Everything here is an enhancement: without
 * JavaScript the clause numbers are still links and every row is shown.
 * Text comes from data-* attributes written by the templates; it is only ever
 * set with textContent.
 */
(function () {
  "use strict";

  var live;

  function announce(text) {
    if (!live) {
      live = document.createElement("p");
      live.className = "tm-live";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// and plain http on another host: the old way
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function flash(button, text) {
    var original = button.dataset.text;
    button.textContent = text;
    button.classList.add("tm-copy--done");
    announce(text);
    window.setTimeout(function () {
      button.textContent = original;
      button.classList.remove("tm-copy--done");
    }, 1500);
  }

  // tables.js (loaded by the pages holding a table) copies and announces the same way
  window.tmCopy = { announce: announce, copyText: copyText, flash: flash };

  function setupClauses() {
    var list = document.querySelector("ol.tm-clauses");
    if (!list || list.dataset.tmReady) { return; }
    list.dataset.tmReady = "1";
    list.querySelectorAll("li.tm-clause").forEach(function (item) {
      var tools = document.createElement("span");
      tools.className = "tm-clause__tools";
      [
        ["link", list.dataset.copyLink, item.dataset.labelLink, item.dataset.url],
        ["citation", list.dataset.copyCitation, item.dataset.labelCitation, item.dataset.citation]
      ].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "tm-copy tm-copy--" + spec[0];
        button.textContent = spec[1];
        button.dataset.text = spec[1];
        button.setAttribute("aria-label", spec[2]);
        button.title = spec[2];
        button.addEventListener("click", function () {
          copyText(spec[3]).then(
            function () { flash(button, list.dataset.copied); },
            function () { flash(button, list.dataset.copyFailed); }
          );
        });
        tools.appendChild(button);
      });
      item.appendChild(tools);
    });
  }

  function setupFilter() {
    var filter = document.querySelector(".tm-filter");
    if (!filter || filter.dataset.tmReady) { return; }
    filter.dataset.tmReady = "1";
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr.tm-index__row"));
    // the headings of the divisions the rows stand under (a notice with divisions)
    var headings = Array.prototype.slice.call(document.querySelectorAll("tr.tm-index__division"));
    // a button filters by a theme (data-theme) or by a responsible department
    // (data-department); the empty theme shows every row
    var buttons = Array.prototype.slice.call(
      filter.querySelectorAll("button[data-theme], button[data-department]"));
    var status = filter.querySelector(".tm-filter__status");

    function choice(b) {
      return b.dataset.department !== undefined
        ? { name: "department", value: b.dataset.department, field: "departments" }
        : { name: "theme", value: b.dataset.theme, field: "themes" };
    }

    function apply(name, value) {
      var chosen = buttons.filter(function (b) {
        var c = choice(b);
        return c.name === name && c.value === value;
      })[0];
      if (!chosen || !value) { chosen = buttons[0]; }
      var c = choice(chosen);
      var shown = 0;
      rows.forEach(function (row) {
        var values = (row.dataset[c.field] || "").split(" ");
        var match = !c.value || values.indexOf(c.value) >= 0;
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      // a division's heading shows while a row under it does
      headings.forEach(function (heading) {
        var level = heading.className.match(/tm-index__division--(\d+)/);
        var depth = level ? Number(level[1]) : 1;
        var next = heading.nextElementSibling;
        var any = false;
        while (next) {
          var m = next.className.match(/tm-index__division--(\d+)/);
          if (m && Number(m[1]) <= depth) { break; }
          if (!m && !next.hidden) { any = true; break; }
          next = next.nextElementSibling;
        }
        heading.hidden = !any;
      });
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(b === chosen));
      });
      status.textContent = filter.dataset.shown
        .replace("{shown}", String(shown))
        .replace("{count}", String(rows.length));
      // Keep the choice in the address, so that a filtered index can be shared.
      var url = new URL(window.location.href);
      ["theme", "department"].forEach(function (key) { url.searchParams.delete(key); });
      if (c.value) { url.searchParams.set(c.name, c.value); }
      window.history.replaceState(null, "", url.toString());
    }

    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        var c = choice(b);
        apply(c.name, c.value);
      });
    });
    filter.hidden = false;
    var query = new URLSearchParams(window.location.search);
    if (query.get("department")) {
      apply("department", query.get("department"));
    } else {
      apply("theme", query.get("theme") || "");
    }
  }

  // -- 字号 and 高对比度: kept in localStorage (prefs.js reads them on every page) --

  function remember(key, value) {
    try {
      if (value) { window.localStorage.setItem(key, value); } else { window.localStorage.removeItem(key); }
    } catch (e) {
      // no storage: the choice holds for this page only
    }
  }

  function setupTools() {
    var tools = document.querySelector(".tm-tools");
    if (!tools || tools.dataset.tmReady) { return; }
    tools.dataset.tmReady = "1";
    var root = document.documentElement;
    var sizes = Array.prototype.slice.call(tools.querySelectorAll("button[data-tm-size]"));
    var contrast = tools.querySelector("button[data-tm-contrast]");

    function showSize() {
      var current = root.getAttribute("data-tm-size") || "normal";
      sizes.forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.dataset.tmSize === current));
      });
    }

    sizes.forEach(function (b) {
      b.addEventListener("click", function () {
        var value = b.dataset.tmSize === "normal" ? "" : b.dataset.tmSize;
        if (value) { root.setAttribute("data-tm-size", value); } else { root.removeAttribute("data-tm-size"); }
        remember("tm-size", value);
        showSize();
      });
    });
    contrast.addEventListener("click", function () {
      var on = root.getAttribute("data-tm-contrast") !== "high";
      if (on) { root.setAttribute("data-tm-contrast", "high"); } else { root.removeAttribute("data-tm-contrast"); }
      remember("tm-contrast", on ? "high" : "");
      contrast.setAttribute("aria-pressed", String(on));
    });
    showSize();
    contrast.setAttribute("aria-pressed", String(root.getAttribute("data-tm-contrast") === "high"));
  }

  // -- 朗读: the measure read aloud by the browser's own speech synthesis ----------

  function chineseVoice(synth, lang) {
    var voices = synth.getVoices() || [];
    var wanted = lang === "zh-Hant" ? /^zh[-_](TW|HK|MO|Hant)/i : /^zh[-_](CN|SG|Hans)/i;
    var chinese = voices.filter(function (v) { return /^(zh|cmn|yue)\b/i.test(v.lang || ""); });
    return chinese.filter(function (v) { return wanted.test(v.lang); })[0] || chinese[0] || null;
  }

  function setupReading() {
    var button = document.querySelector("button.tm-read");
    if (!button || button.dataset.tmReady) { return; }
    button.dataset.tmReady = "1";
    var synth = window.speechSynthesis;
    if (!synth || typeof window.SpeechSynthesisUtterance !== "function") { return; }
    var lang = document.documentElement.lang;
    var reading = false;
    var marked = null;

    function mark(element) {
      if (marked) { marked.classList.remove("tm-speaking"); }
      marked = element;
      if (marked) { marked.classList.add("tm-speaking"); }
    }

    function stop() {
      reading = false;
      synth.cancel();
      mark(null);
      button.setAttribute("aria-pressed", "false");
      button.textContent = button.dataset.label;
    }

    function offer() {
      // shown only where the browser has a Chinese voice
      button.hidden = !chineseVoice(synth, lang);
    }

    button.addEventListener("click", function () {
      if (reading) { stop(); return; }
      var voice = chineseVoice(synth, lang);
      if (!voice) { offer(); return; }
      // its heading, then its sentences in order
      var parts = [document.getElementById("tm-title")];
      document.querySelectorAll("ol.tm-clauses li.tm-clause").forEach(function (item) {
        parts.push(item);
      });
      synth.cancel();
      reading = true;
      button.setAttribute("aria-pressed", "true");
      button.textContent = button.dataset.stop;
      parts.forEach(function (element, k) {
        var text = element.querySelector(".tm-clause__text") || element;
        var utterance = new window.SpeechSynthesisUtterance(text.textContent.trim());
        utterance.lang = voice.lang;
        try { utterance.voice = voice; } catch (e) { /* the language chooses one */ }
        utterance.addEventListener("start", function () { if (reading) { mark(element); } });
        utterance.addEventListener("end", function () {
          if (reading && k === parts.length - 1) { stop(); }
        });
        utterance.addEventListener("error", function () { if (reading) { stop(); } });
        synth.speak(utterance);
      });
    });
    offer();
    if (typeof synth.addEventListener === "function") {
      synth.addEventListener("voiceschanged", offer);
    }
    window.addEventListener("pagehide", function () { if (reading) { stop(); } });
  }

  // The library's search form: its filters go into the query as the worker reads them
  // (状态:现行有效 年份:2025), and Material's search box opens with it (?q=).
  function setupLibrarySearch() {
    var form = document.querySelector("form.tm-library-search");
    if (!form || form.getAttribute("data-tm-ready")) {
      return;
    }
    form.setAttribute("data-tm-ready", "true");
    form.addEventListener("submit", function (event) {
      var words = [form.querySelector("input[name=q]").value.trim()];
      form.querySelectorAll("select[data-tm-search-filter]").forEach(function (select) {
        if (select.value) {
          words.push(select.getAttribute("data-tm-search-filter") + ":" + select.value.replace(/\s+/g, ""));
        }
      });
      event.preventDefault();
      var url = new URL(window.location.href);
      url.hash = "";
      url.searchParams.set("q", words.join(" "));
      window.location.assign(url.href);
    });
  }

  function init() {
    setupLibrarySearch();
    setupClauses();
    setupFilter();
    setupTools();
    setupReading();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
