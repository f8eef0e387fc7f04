/*
 * A page that moved (a site that grew into a library of notices): go to its new
 * address, the canonical link, keeping the sentence's anchor (#c2) that a meta
 * refresh would drop. Without JavaScript the meta refresh and the link still lead there.
 */
(function () {
  "use strict";
  var link = document.querySelector('link[rel="canonical"]');
  if (link) { window.location.replace(link.href + window.location.hash); }
})();
