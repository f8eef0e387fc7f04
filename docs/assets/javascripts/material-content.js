/*
 * Material for MkDocs' inline content script (partials/javascripts/content.html,
 * 9.8), as a file for the Content-Security-Policy: a link to a content tab opens it.
 */
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) { target.checked = target.name.startsWith("__tabbed_"); }
})();
