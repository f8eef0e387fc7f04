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
 */
"use strict";

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;

var index = null;

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

self.addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === SETUP) {
    setup(message.data);
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var data;
    try {
      data = search(String(message.data || ""));
    } catch (err) {
      data = { items: [] };
    }
    self.postMessage({ type: RESULT, data: data });
  }
});
