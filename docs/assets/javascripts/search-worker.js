/*
 * Search worker for a notice site.
 *
 * Speaks the protocol of Material for MkDocs' search worker (messages SETUP,
 * READY, QUERY, RESULT), so Material's search box and result list are used as
 * they are, but matches the way Chinese readers type:
 *
 * - substrings, not whole words: 居民 finds 岛内居民, 电商 finds 跨境电商;
 * - either script: query and documents are folded onto Simplified characters
 *   with the table in the index (config.fold), so 零關稅 finds 零关税;
 * - several words, with or without spaces: every word must occur on the page;
 *   an unspaced query that occurs nowhere as a whole is split into the words
 *   of the index (保税维修 → 保税 维修), the words jieba found at build time;
 * - Latin terms without regard to case or full width: AEO, ａｅｏ.
 *
 * Each clause is a document of its own (measures/<n>/#c<k>), so a result leads
 * to the sentence. Output HTML is built here: every text is escaped, and only
 * <mark> is added.
 *
 * A library's index comes in many small files (src/notice_site/render/shards.py):
 * Material hands over the entry (config.shards), and each query fetches the
 * postings of its characters, then the text of the results shown; the same
 * documents are found, in the same order, as from one file. Such an index also
 * reads filters written in the query (状态:现行有效 机关:海关总署 年份:2025).
 */
"use strict";

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;

var index = null;
var sharded = null;
// pages listed from a sharded index: their text is fetched, so a query stays small
var LIMIT = 20;

var SPLIT = /[\s\u200b\u3000,，、。．.；;：:！!？?"'“”‘’()（）《》〈〉「」『』【】\[\]{}<>\-—…·+*~^]+/;
var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
var SNIPPET = 160;

function foldChar(ch, table) {
  var code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) {
    ch = String.fromCharCode(code - 0xfee0);
  } else if (code === 0x3000) {
    ch = " ";
  }
  var lower = ch.toLowerCase();
  if (lower.length === 1) {
    ch = lower;
  }
  return table[ch] || ch;
}

// One character in, one character out: positions in the folded text are
// positions in the original, which highlighting relies on.
function fold(text, table) {
  var out = "";
  for (var i = 0; i < text.length; i++) {
    out += foldChar(text[i], table);
  }
  return out;
}

function escapeHTML(text) {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function setup(data) {
  var table = (data.config && data.config.fold) || {};
  if (data.config && data.config.shards) {
    setupSharded(data.config, table);
    return;
  }
  var vocabulary = Object.create(null);
  var longest = 1;
  var pages = [];
  var byPage = Object.create(null);
  data.docs.forEach(function (doc, order) {
    var words = (doc.words || "").split("\u200b").filter(Boolean).map(function (w) {
      return fold(w, table);
    });
    words.forEach(function (w) {
      vocabulary[w] = true;
      longest = Math.max(longest, w.length);
    });
    var entry = {
      doc: doc,
      order: order,
      title: fold(doc.title, table),
      text: fold(doc.text, table),
      words: words,
      boost: doc.boost || 1
    };
    var page = doc.location.split("#")[0];
    if (!(page in byPage)) {
      // tier: every result of a lower tier first (render/search.py, Doc.tier): an earlier
      // version of a provision, a library's notice no longer in force, come after the rest
      byPage[page] = { location: page, article: null, sections: [], order: order, tier: doc.tier || 0 };
      pages.push(byPage[page]);
    }
    if (doc.location === page) {
      byPage[page].article = entry;
    } else {
      byPage[page].sections.push(entry);
    }
  });
  index = { table: table, vocabulary: vocabulary, longest: longest, pages: pages };
}

function occurrences(haystack, needle) {
  var count = 0;
  for (var at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    count += 1;
  }
  return count;
}

function occursAnywhere(term) {
  return index.pages.some(function (page) {
    var entries = page.sections.concat(page.article ? [page.article] : []);
    return entries.some(function (e) {
      return e.title.indexOf(term) >= 0 || e.text.indexOf(term) >= 0;
    });
  });
}

// Greedy longest match against the index's words; characters no word covers stay single.
function splitIntoWords(term) {
  var pieces = [];
  var i = 0;
  while (i < term.length) {
    var found = 1;
    for (var n = Math.min(index.longest, term.length - i); n > 1; n--) {
      if (index.vocabulary[term.slice(i, i + n)]) {
        found = n;
        break;
      }
    }
    pieces.push(term.slice(i, i + found));
    i += found;
  }
  return pieces;
}

// The words of a query: {term} folded for matching, {shown} as the reader typed it.
function queryTerms(query) {
  var folded = fold(query, index.table);
  var terms = [];
  var seen = {};
  var pattern = new RegExp(SPLIT.source, "g");
  var start = 0;
  var add = function (from, to) {
    var term = folded.slice(from, to);
    if (!term || seen[term]) {
      return;
    }
    seen[term] = true;
    terms.push({ term: term, shown: query.slice(from, to) });
  };
  var words = [];
  for (var m = pattern.exec(folded); m; m = pattern.exec(folded)) {
    words.push([start, m.index]);
    start = m.index + m[0].length;
  }
  words.push([start, folded.length]);
  words.forEach(function (w) {
    var term = folded.slice(w[0], w[1]);
    if (HAN.test(term) && term.length > 1 && !occursAnywhere(term)) {
      var at = w[0];
      splitIntoWords(term).forEach(function (piece) {
        add(at, at + piece.length);
        at += piece.length;
      });
    } else {
      add(w[0], w[1]);
    }
  });
  return terms;
}

function scoreEntry(entry, terms) {
  var score = 0;
  var found = {};
  terms.forEach(function (t) {
    var term = t.term;
    var inTitle = occurrences(entry.title, term);
    var inText = occurrences(entry.text, term);
    if (inTitle + inText === 0) {
      return;
    }
    found[term] = true;
    // a boosted document (a theme page) ranks first when its title matches
    var s = inTitle * 10 * entry.boost + inText;
    if (entry.words.indexOf(term) >= 0) {
      s *= 2; // a whole word ranks above a part of a word
    }
    score += s;
  });
  return { score: score, found: found };
}

function highlight(original, folded, terms, limit) {
  var ranges = [];
  terms.forEach(function (t) {
    var term = t.term;
    for (var at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + term.length)) {
      ranges.push([at, at + term.length]);
    }
  });
  ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  var merged = [];
  ranges.forEach(function (r) {
    var last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) {
      last[1] = Math.max(last[1], r[1]);
    } else {
      merged.push([r[0], r[1]]);
    }
  });
  var start = 0;
  var end = original.length;
  if (limit && original.length > limit) {
    var first = merged.length ? merged[0][0] : 0;
    start = Math.max(0, Math.min(first - Math.floor(limit / 4), original.length - limit));
    end = Math.min(original.length, start + limit);
  }
  var html = start > 0 ? "…" : "";
  var pos = start;
  merged.forEach(function (r) {
    var a = Math.max(r[0], start);
    var b = Math.min(r[1], end);
    if (a >= b) {
      return;
    }
    html += escapeHTML(original.slice(pos, a)) + "<mark>" + escapeHTML(original.slice(a, b)) + "</mark>";
    pos = b;
  });
  html += escapeHTML(original.slice(pos, end)) + (end < original.length ? "…" : "");
  return html;
}

function item(entry, terms, score) {
  // as typed: Material puts these in ?h= to highlight them on the page opened
  var map = {};
  terms.forEach(function (t) { map[t.shown] = true; });
  return {
    location: entry.doc.location,
    title: highlight(entry.doc.title, entry.title, terms, 0),
    text: highlight(entry.doc.text, entry.text, terms, SNIPPET),
    score: score,
    terms: map
  };
}

function search(query) {
  if (!index) {
    return { items: [] };
  }
  var terms = queryTerms(query);
  if (!terms.length) {
    return { items: [] };
  }
  var groups = [];
  index.pages.forEach(function (page) {
    var entries = (page.article ? [page.article] : []).concat(page.sections);
    var covered = {};
    var hits = [];
    entries.forEach(function (entry) {
      var result = scoreEntry(entry, terms);
      if (result.score > 0) {
        Object.keys(result.found).forEach(function (t) { covered[t] = true; });
        var all = terms.every(function (t) { return result.found[t.term]; });
        hits.push({ entry: entry, score: result.score * (all ? 2 : 1) });
      }
    });
    // every word of the query must occur on the page
    if (!terms.every(function (t) { return covered[t.term]; })) {
      return;
    }
    hits.sort(function (a, b) { return b.score - a.score || a.entry.order - b.entry.order; });
    var total = hits.reduce(function (sum, h) { return sum + h.score; }, 0);
    var sections = hits.filter(function (h) { return h.entry !== page.article; });
    var lowest = sections.length ? sections[sections.length - 1].score : total;
    var article = page.article || sections.shift().entry;
    // The article comes first with the lowest score, so Material shows every
    // matching sentence instead of folding the weaker ones away.
    var results = [item(article, terms, lowest)];
    sections.forEach(function (h) {
      if (h.entry !== article) {
        results.push(item(h.entry, terms, h.score));
      }
    });
    groups.push({ score: total, order: page.order, tier: page.tier, results: results });
  });
  groups.sort(function (a, b) {
    return a.tier - b.tier || b.score - a.score || a.order - b.order;
  });
  return { items: groups.map(function (g) { return g.results; }) };
}

// ---- a sharded index -------------------------------------------------------------

function setupSharded(config, table) {
  var shards = config.shards;
  var labels = shards.filters;
  sharded = {
    table: table,
    shards: shards,
    base: new URL("../../" + shards.path, self.location.href),
    files: Object.create(null),
    loaded: Object.create(null),
    sectionsOnly: {},
    filters: {
      status: labels.status[0],
      statuses: labels.status[1],
      issuer: labels.issuer[0],
      issuers: labels.issuer[1].map(function (name) { return name.replace(/\s+/g, ""); }),
      year: labels.year[0]
    }
  };
  shards.sections_only.forEach(function (p) { sharded.sectionsOnly[p] = true; });
  // each group of pages whose fragments share files: [its first page, its number]
  var first = 0;
  sharded.groups = unpack(shards.groups).map(function (delta, g) {
    first += delta;
    return [first, g];
  });
  index = { table: table };
}

// FNV-1a of a key's first two UTF-16 units (render/shards.py, shard_of)
function shardOf(key) {
  var h = 0x811c9dc5;
  for (var i = 0; i < Math.min(2, key.length); i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % sharded.shards.count;
}

function fetchJSON(path) {
  if (!(path in sharded.files)) {
    sharded.files[path] = fetch(new URL(path, sharded.base).href).then(function (response) {
      if (!response.ok) {
        throw new Error(path + ": " + response.status);
      }
      return response.json();
    }).catch(function (err) {
      delete sharded.files[path]; // the next query asks again
      throw err;
    });
  }
  return sharded.files[path];
}

// The shard of a key (a bigram, a character, a word): its first two characters name it.
function keyOf(text) {
  var chars = Array.from(text);
  return chars.slice(0, 2).join("");
}

function loadShards(keys) {
  var wanted = {};
  keys.forEach(function (key) { wanted[shardOf(key)] = true; });
  return Promise.all(Object.keys(wanted).map(function (k) {
    return fetchJSON("p/" + k + ".json").then(function (shard) { return [k, shard]; });
  })).then(function (pairs) {
    pairs.forEach(function (pair) { sharded.loaded[pair[0]] = pair[1]; });
  });
}

function shardFor(key) {
  var shard = sharded.loaded[shardOf(key)];
  if (!shard) {
    throw new Error("shard not loaded: " + key);
  }
  return shard;
}

// The numbers of a key's postings: base-64 digits, 5 bits each, low bits first, 32 added
// to every digit but a number's last (render/shards.py, pack).
var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
var DIGIT = {};
for (var d = 0; d < DIGITS.length; d++) {
  DIGIT[DIGITS.charCodeAt(d)] = d;
}

function unpack(text) {
  var out = [];
  var n = 0;
  var scale = 1;
  for (var i = 0; i < text.length; i++) {
    var v = DIGIT[text.charCodeAt(i)];
    n += (v & 31) * scale;
    if (v & 32) {
      scale *= 32;
    } else {
      out.push(n);
      n = 0;
      scale = 1;
    }
  }
  return out;
}

// A key's postings: its numbers, and where each page's record starts in them, found by
// one pass that allocates nothing per document; a page's documents are read only when a
// query needs them (a word of three characters reads its rarer pair first).
var SKIP = {
  // a document's record, from i: its delta, then what the kind holds
  b: function (flat, i) {
    var inTitle = flat[i + 1];
    i += 2 + inTitle + (inTitle ? 1 : 0);
    return i + 1 + flat[i];
  },
  u: function (flat, i) {
    return i + 3 + (flat[i + 1] ? 1 : 0);
  },
  w: function (flat, i) {
    return i + 1;
  }
};

function postings(kind, key) {
  var cache = (sharded.postings = sharded.postings || { b: {}, u: {}, w: {} })[kind];
  if (!(key in cache)) {
    var packed = (shardFor(keyOf(key))[kind] || {})[key];
    var flat = packed ? unpack(packed) : [];
    var pages = new Map();
    var page = 0;
    var i = 0;
    while (i < flat.length) {
      page += flat[i];
      pages.set(page, i + 1);
      var n = flat[i + 1];
      i += 2;
      for (var k = 0; k < n; k++) {
        i = SKIP[kind](flat, i);
      }
    }
    cache[key] = { flat: flat, pages: pages };
  }
  return cache[key];
}

function positionsAt(flat, i, out) {
  var n = flat[i];
  var at = 0;
  for (var k = 1; k <= n; k++) {
    at += flat[i + k];
    out.push(at);
  }
  return i + n + 1;
}

// entry -> {title: [positions], text: [positions], boost} of a bigram on a page
function bigramEntries(post, page) {
  var flat = post.flat;
  var i = post.pages.get(page);
  var n = flat[i++];
  var entries = new Map();
  var entry = 0;
  for (var k = 0; k < n; k++) {
    entry += flat[i++];
    var value = { title: [], text: [], boost: 1 };
    i = positionsAt(flat, i, value.title);
    if (value.title.length) {
      value.boost = flat[i++];
    }
    i = positionsAt(flat, i, value.text);
    entries.set(entry, value);
  }
  return entries;
}

// entry -> {inTitle, inText, boost}: a character's counts on a page, or a pair's when its two
// characters differ (its occurrences cannot overlap)
function countEntries(kind, post, page) {
  var flat = post.flat;
  var i = post.pages.get(page);
  var n = flat[i++];
  var entries = new Map();
  var entry = 0;
  for (var k = 0; k < n; k++) {
    entry += flat[i++];
    var value = { inTitle: 0, inText: 0, boost: 1 };
    if (kind === "u") {
      value.inTitle = flat[i++];
      value.inText = flat[i++];
      if (value.inTitle) {
        value.boost = flat[i++];
      }
    } else {
      value.inTitle = flat[i];
      i += flat[i] + 1;
      if (value.inTitle) {
        value.boost = flat[i++];
      }
      value.inText = flat[i];
      i += flat[i] + 1;
    }
    entries.set(entry, value);
  }
  return entries;
}

// the entries of a page holding `w` as one of their words
function wordEntries(w, page) {
  var post = postings("w", w);
  var i = post.pages.get(page);
  var found = new Set();
  if (i === undefined) {
    return found;
  }
  var flat = post.flat;
  var n = flat[i++];
  var entry = 0;
  for (var k = 0; k < n; k++) {
    entry += flat[i++];
    found.add(entry);
  }
  return found;
}

// occurrences as occurrences() counts them (none overlapping), from the starts
function countStarts(starts, length) {
  var count = 0;
  var end = -1;
  starts.forEach(function (p) {
    if (p >= end) {
      count += 1;
      end = p + length;
    }
  });
  return count;
}

// where the pairs of a word follow one another: its starts, from its rarest pair's (at d);
// positions are sorted, so each other pair's list is walked once
function startsIn(field, grams, d) {
  var base = grams[d][field];
  var starts = [];
  var cursors = grams.map(function () { return 0; });
  for (var a = 0; a < base.length; a++) {
    var q = base[a];
    var ok = true;
    for (var k = 0; k < grams.length && ok; k++) {
      if (k === d) {
        continue;
      }
      var list = grams[k][field];
      var want = q + k - d;
      var c = cursors[k];
      while (c < list.length && list[c] < want) {
        c++;
      }
      cursors[k] = c;
      ok = c < list.length && list[c] === want;
    }
    if (ok) {
      starts.push(q - d);
    }
  }
  return starts;
}

// page -> entry -> {inTitle, inText, boost}: where a folded term occurs (kept for the query)
function termHits(term) {
  if (!sharded.hits[term]) {
    sharded.hits[term] = findTerm(term);
  }
  return sharded.hits[term];
}

function findTerm(term) {
  var chars = Array.from(term);
  var hits = new Map();
  if (chars.length === 1 || (chars.length === 2 && chars[0] !== chars[1])) {
    var kind = chars.length === 1 ? "u" : "b";
    var post = postings(kind, term);
    post.pages.forEach(function (unused, page) {
      hits.set(page, countEntries(kind, post, page));
    });
    return hits;
  }
  var lists = [];
  for (var i = 0; i + 1 < chars.length; i++) {
    lists.push(postings("b", chars[i] + chars[i + 1]));
  }
  var d = 0;
  lists.forEach(function (l, k) {
    if (l.pages.size < lists[d].pages.size) {
      d = k;
    }
  });
  lists[d].pages.forEach(function (unused, page) {
    if (!lists.every(function (l) { return l.pages.has(page); })) {
      return;
    }
    var perGram = lists.map(function (l) { return bigramEntries(l, page); });
    perGram[d].forEach(function (driver, entry) {
      var grams = [];
      for (var k = 0; k < perGram.length; k++) {
        var g = k === d ? driver : perGram[k].get(entry);
        if (!g) {
          return;
        }
        grams.push(g);
      }
      var inTitle = countStarts(startsIn("title", grams, d), chars.length);
      var inText = countStarts(startsIn("text", grams, d), chars.length);
      if (inTitle + inText === 0) {
        return;
      }
      if (!hits.has(page)) {
        hits.set(page, new Map());
      }
      hits.get(page).set(entry, { inTitle: inTitle, inText: inText, boost: grams[0].boost });
    });
  });
  return hits;
}

function keysOf(term) {
  var chars = Array.from(term);
  if (chars.length === 1) {
    return chars;
  }
  var keys = [];
  for (var i = 0; i + 1 < chars.length; i++) {
    keys.push(chars[i] + chars[i + 1]);
  }
  return keys;
}

// Filters written in the query (状态:现行有效 机关:海关总署 年份:2025, in either script):
// taken out of it. Folding keeps positions, so they are found in the folded query.
function readFilters(query) {
  var f = sharded.filters;
  var table = sharded.table;
  var names = [f.status, f.issuer, f.year].map(function (name) { return fold(name, table); });
  var statuses = f.statuses.map(function (s) { return fold(s, table); });
  var issuers = f.issuers.map(function (s) { return fold(s, table); });
  var chosen = { status: null, issuer: null, year: null };
  var pattern = new RegExp("(^|\\s)(" + names.join("|") + ")[:：](\\S*)", "g");
  var folded = fold(query, table);
  var rest = "";
  var start = 0;
  for (var m = pattern.exec(folded); m; m = pattern.exec(folded)) {
    var kind = ["status", "issuer", "year"][names.indexOf(m[2])];
    var value = m[3];
    var found = kind === "status" ? statuses.indexOf(value)
      : kind === "issuer" ? issuers.indexOf(value)
      : /^\d{4}$/.test(value) ? value : -1;
    chosen[kind] = (chosen[kind] || []).concat([found]);
    var from = m.index + m[1].length;
    rest += query.slice(start, from);
    start = from + m[0].length - m[1].length;
  }
  rest += query.slice(start);
  return { rest: rest, chosen: chosen };
}

// the last of `runs` (each starting at a page: [page, …]) that starts at or before `page`
function runOf(runs, page) {
  var lo = 0;
  var hi = runs.length - 1;
  while (lo < hi) {
    var mid = (lo + hi + 1) >> 1;
    if (runs[mid][0] <= page) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return runs[lo];
}

function noticeOf(page) {
  return runOf(sharded.shards.notices, page);
}

function passes(page, chosen) {
  var notice = noticeOf(page);
  return (!chosen.status || chosen.status.indexOf(notice[1]) >= 0) &&
    (!chosen.issuer || chosen.issuer.indexOf(notice[2]) >= 0) &&
    (!chosen.year || chosen.year.indexOf(notice[3]) >= 0);
}

function tierOf(page) {
  var tiers = sharded.shards.tiers;
  return tiers.length && tiers[0][0] <= page ? runOf(tiers, page)[1] : 0;
}

function searchSharded(query) {
  sharded.hits = Object.create(null);
  var filtered = readFilters(query);
  query = filtered.rest;
  var table = sharded.table;
  var folded = fold(query, table);
  var pattern = new RegExp(SPLIT.source, "g");
  var spans = [];
  var start = 0;
  for (var m = pattern.exec(folded); m; m = pattern.exec(folded)) {
    spans.push([start, m.index]);
    start = m.index + m[0].length;
  }
  spans.push([start, folded.length]);
  spans = spans.filter(function (w) { return w[1] > w[0]; });
  if (!spans.length) {
    return Promise.resolve({ items: [] });
  }
  var keys = [];
  spans.forEach(function (w) { keys = keys.concat(keysOf(folded.slice(w[0], w[1]))); });
  return loadShards(keys).then(function () {
    // the words of the query, as queryTerms() makes them
    var terms = [];
    var seen = {};
    var add = function (from, to) {
      var term = folded.slice(from, to);
      if (!term || seen[term]) {
        return;
      }
      seen[term] = true;
      terms.push({ term: term, shown: query.slice(from, to) });
    };
    spans.forEach(function (w) {
      var term = folded.slice(w[0], w[1]);
      if (HAN.test(term) && term.length > 1 && termHits(term).size === 0) {
        var at = w[0];
        splitShardedWord(term).forEach(function (piece) {
          add(at, at + piece.length);
          at += piece.length;
        });
      } else {
        add(w[0], w[1]);
      }
    });
    var more = [];
    terms.forEach(function (t) { more = more.concat(keysOf(t.term)); });
    return loadShards(more).then(function () { return rankSharded(terms, filtered.chosen); });
  });
}

// splitIntoWords() against the words of the fetched shards: each word starting in `term`
// starts with one of its bigrams, so its shard is one already fetched.
function splitShardedWord(term) {
  var pieces = [];
  var i = 0;
  while (i < term.length) {
    var found = 1;
    for (var n = term.length - i; n > 1; n--) {
      if ((shardFor(keyOf(term.slice(i, i + n))).w || {})[term.slice(i, i + n)]) {
        found = n;
        break;
      }
    }
    pieces.push(term.slice(i, i + found));
    i += found;
  }
  return pieces;
}

function rankSharded(terms, chosen) {
  var hits = terms.map(function (t) { return termHits(t.term); });
  var groups = [];
  hits[0].forEach(function (unused, page) {
    if (!hits.every(function (h) { return h.has(page); }) || !passes(page, chosen)) {
      return;
    }
    var entries = new Map();
    terms.forEach(function (t, k) {
      var words = wordEntries(t.term, page);
      hits[k].get(page).forEach(function (c, entry) {
        if (!entries.has(entry)) {
          entries.set(entry, { entry: entry, score: 0, found: 0 });
        }
        var e = entries.get(entry);
        var s = c.inTitle * 10 * c.boost + c.inText;
        if (words.has(entry)) {
          s *= 2; // a whole word ranks above a part of a word
        }
        e.score += s;
        e.found += 1;
      });
    });
    var list = [];
    entries.forEach(function (e) {
      list.push({ entry: e.entry, score: e.score * (e.found === terms.length ? 2 : 1) });
    });
    list.sort(function (a, b) { return b.score - a.score || a.entry - b.entry; });
    var total = list.reduce(function (sum, h) { return sum + h.score; }, 0);
    var hasArticle = !sharded.sectionsOnly[page];
    var sections = list.filter(function (h) { return !(hasArticle && h.entry === 0); });
    var lowest = sections.length ? sections[sections.length - 1].score : total;
    var article = hasArticle ? 0 : sections.shift().entry;
    groups.push({ page: page, score: total, tier: tierOf(page), article: article, lowest: lowest,
      sections: sections.filter(function (h) { return h.entry !== article; }) });
  });
  groups.sort(function (a, b) {
    return a.tier - b.tier || b.score - a.score || a.page - b.page;
  });
  groups = groups.slice(0, LIMIT);
  var shards = sharded.shards;
  // the file holding a page's entry e: its group's, the block of e (render/shards.py)
  var fileOf = function (page, e) {
    var group = runOf(sharded.groups, page)[1];
    return "f/" + Math.floor(group / shards.fan_out) + "/" + group + "-" +
      Math.floor(e / shards.block) + ".json";
  };
  var blocks = {};
  groups.forEach(function (g) {
    [g.article].concat(g.sections.map(function (h) { return h.entry; })).forEach(function (e) {
      blocks[fileOf(g.page, e)] = true;
    });
  });
  return Promise.all(Object.keys(blocks).map(fetchJSON)).then(function () {
    return Promise.all(groups.map(function (g) {
      var first = runOf(sharded.groups, g.page)[0];
      var entryOf = function (e) {
        return fetchJSON(fileOf(g.page, e)).then(function (fragment) {
          var page = fragment[g.page - first];
          var d = page[1][e % shards.block];
          var doc = { location: page[0] + d[0], title: d[1], text: d[2] };
          return { doc: doc, title: fold(doc.title, sharded.table), text: fold(doc.text, sharded.table) };
        });
      };
      return Promise.all([entryOf(g.article)].concat(g.sections.map(function (h) {
        return entryOf(h.entry);
      }))).then(function (entries) {
        var results = [item(entries[0], terms, g.lowest)];
        g.sections.forEach(function (h, k) {
          results.push(item(entries[k + 1], terms, h.score));
        });
        return results;
      });
    }));
  }).then(function (items) {
    return { items: items };
  });
}

var latest = 0;

self.addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === SETUP) {
    setup(message.data);
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var data;
    if (sharded) {
      // answers come as their files arrive: only the latest query's is sent
      var asked = ++latest;
      searchSharded(String(message.data || "")).catch(function () {
        return { items: [] };
      }).then(function (result) {
        if (asked === latest) {
          self.postMessage({ type: RESULT, data: result });
        }
      });
      return;
    }
    try {
      data = search(String(message.data || ""));
    } catch (err) {
      data = { items: [] };
    }
    self.postMessage({ type: RESULT, data: data });
  }
});
