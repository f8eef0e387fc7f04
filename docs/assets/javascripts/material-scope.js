/*
 * Material for MkDocs' inline head script (partials/javascripts/base.html, 9.8),
 * as a file: the site's Content-Security-Policy runs no inline script. Its scope
 * comes from the tag's data-scope, where Material writes it into the code.
 */
var __md_scope = new URL(document.currentScript.dataset.scope, location),
  __md_hash = function (e) {
    return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  },
  __md_get = function (e, _, t) {
    _ = _ || localStorage;
    t = t || __md_scope;
    return JSON.parse(_.getItem(t.pathname + "." + e));
  },
  __md_set = function (e, _, t, a) {
    t = t || localStorage;
    a = a || __md_scope;
    try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (error) {}
  };
