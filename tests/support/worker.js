// Runs docs/assets/javascripts/search-worker.js in Node, outside a browser, as Material
// does: SETUP with an index, then QUERY for each query; fetch() reads the built site's
// files from disk and counts them.
//
// node worker.js <worker.js> <site root> <index path from the root> <queries as JSON> [fresh]
// (fresh: each query is a first query, with nothing fetched before it) prints JSON: for each query, its results (Material's items) and the files it fetched
// (path from the root, bytes), the entry file first.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [workerFile, root, indexPath, queriesJSON, fresh] = process.argv.slice(2);
const queries = JSON.parse(queriesJSON);

let fetched = [];
const listeners = [];
let answer = null;

const base = "file:///site/";
const context = {
  self: null,
  URL,
  Map,
  Set,
  Promise,
  console,
  fetch(url) {
    const relative = decodeURIComponent(new URL(url).pathname.slice("/site/".length));
    const file = path.join(root, relative);
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      return Promise.resolve({ ok: false, status: 404, json: () => Promise.reject(err) });
    }
    fetched.push([relative, Buffer.byteLength(text)]);
    return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(JSON.parse(text)) });
  },
};
context.self = {
  location: { href: `${base}assets/javascripts/search-worker.js` },
  addEventListener(type, listener) {
    listeners.push(listener);
  },
  postMessage(message) {
    if (answer) {
      answer(message);
    }
  },
};
vm.createContext(context);
vm.runInContext(fs.readFileSync(workerFile, "utf8"), context, { filename: workerFile });

function send(message) {
  return new Promise((resolve) => {
    answer = resolve;
    listeners.forEach((listener) => listener({ data: message }));
  });
}

(async () => {
  const entryText = fs.readFileSync(path.join(root, indexPath), "utf8");
  const entry = [indexPath, Buffer.byteLength(entryText)];
  await send({ type: 0, data: JSON.parse(entryText) });
  const out = [];
  for (const query of queries) {
    if (fresh) {
      await send({ type: 0, data: JSON.parse(entryText) });
    }
    fetched = [];
    const result = await send({ type: 2, data: query });
    out.push({ query, items: result.data.items, files: [entry, ...fetched] });
  }
  process.stdout.write(JSON.stringify(out));
})();
