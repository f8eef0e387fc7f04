// bench/search.py's page. Chromium's CPU throttling slows the page's thread, not reliably a
// dedicated worker's, so the search worker's code runs here, on the page's thread, behind a
// stand-in for the worker's `self` (window.self can be replaced); search-worker.js is loaded
// after this file. SETUP is sent with the script's search_index.json as Material sends it,
// then window.ask(query) answers with the milliseconds from the query to the results
// (Material's drawing of them left out).
"use strict";
(function () {
  var prefix = new URLSearchParams(window.location.search).get("prefix") || "";
  var started = performance.now();
  var listener = null;
  var waiting = null;
  self = {
    location: { href: new URL("assets/javascripts/search-worker.js", window.location.href).href },
    addEventListener: function (type, f) {
      listener = f;
    },
    postMessage: function (message) {
      if (message.type === 1) {
        window.benchLoaded = performance.now() - started;
      } else if (message.type === 3 && waiting) {
        waiting(message.data);
      }
    }
  };
  document.addEventListener("DOMContentLoaded", function () {
    fetch(prefix + "search/search_index.json").then(function (response) {
      return response.json();
    }).then(function (index) {
      listener({ data: { type: 0, data: { config: index.config, docs: index.docs, options: {} } } });
    });
  });
  window.ask = function (query) {
    return new Promise(function (resolve) {
      var asked = performance.now();
      waiting = function (data) {
        resolve({ ms: performance.now() - asked, results: data.items.length });
      };
      listener({ data: { type: 2, data: query } });
    });
  };
})();
