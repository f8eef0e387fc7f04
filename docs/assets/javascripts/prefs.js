/*
 * The reader's text size (字号) and contrast (高对比度), kept in localStorage across pages
 * and visits, applied to <html> before the first paint: overrides/main.html loads this
 * file in the head, blocking, before the body exists. measures.js changes them.
 * Print and the PDFs ignore both (measures.css applies them on screens only).
 */
(function () {
  var root = document.documentElement;
  root.classList.add("tm-js");
  try {
    var size = window.localStorage.getItem("tm-size");
    if (size === "large" || size === "xlarge") root.setAttribute("data-tm-size", size);
    if (window.localStorage.getItem("tm-contrast") === "high") {
      root.setAttribute("data-tm-contrast", "high");
    }
  } catch (e) {
    // no storage (a browser's privacy setting): the page keeps the standard size
  }
})();
