// bench/search.py's page: starts the search worker as Material does (SETUP with the
// script's search_index.json), then answers window.ask(query) with the milliseconds from
// the query to the worker's results (Material's drawing of them left out).
"use strict";
(function () {
  var prefix = new URLSearchParams(window.location.search).get("prefix") || "";
  var started = performance.now();
  var worker = new Worker("assets/javascripts/search-worker.js");
  var waiting = null;
  worker.onmessage = function (event) {
    if (event.data.type === 1) {
      window.benchLoaded = performance.now() - started;
    } else if (event.data.type === 3 && waiting) {
      waiting(event.data.data);
    }
  };
  fetch(prefix + "search/search_index.json").then(function (response) {
    return response.json();
  }).then(function (index) {
    worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs, options: {} } });
  });
  window.ask = function (query) {
    return new Promise(function (resolve) {
      var asked = performance.now();
      waiting = function (data) {
        resolve({ ms: performance.now() - asked, results: data.items.length });
      };
      worker.postMessage({ type: 2, data: query });
    });
  };
})();
