/* annals search: the index is split into small scripts (see
   src/render/search/mod.rs) loaded on demand with <script> elements, which
   work from file:// as over HTTP. A query loads search/meta.js, the
   variant tables of its Chinese characters, the shards of its terms, and
   the entries of the results shown.

   Terms are made exactly as the build makes them (src/render/search/
   terms.rs): NFKC, lower case, traditional characters as simplified, a
   Chinese run as every other pair of characters, other runs as words with
   a simple English stemming. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";
  var index = (script && script.getAttribute("data-index")) || "";
  var input = document.getElementById("q");
  var yearSelect = document.getElementById("year");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  var CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/;
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) VALUE[DIGITS[d]] = d;
  var PAGE = 10;

  // The data scripts call these.
  var meta = null, shards = {}, entries = {}, variants = {};
  var api = (window.annalsSearch = {
    meta: function (m) { meta = m; },
    shard: function (i, terms) { shards[i] = terms; },
    entries: function (n, rows) { entries[n] = rows; },
    variants: function (n, pairs) {
      var map = {};
      var chars = Array.from(pairs);
      for (var i = 0; i + 1 < chars.length; i += 2) map[chars[i]] = chars[i + 1];
      variants[n] = map;
    }
  });

  var loading = {};
  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = root + index + path;
        s.onload = function () { resolve(true); };
        // A file that failed to load is tried again by the next query.
        s.onerror = function () { delete loading[path]; s.remove(); resolve(false); };
        document.head.appendChild(s);
      });
    }
    return loading[path];
  }

  function isUnified(ch) {
    var c = ch.codePointAt(0);
    return c >= 0x3400 && c <= 0x9fff;
  }

  // The query as the build normalizes text, once the variant tables of its
  // characters are loaded.
  // Lower case a character at a time, as the build does (no final sigma).
  function lower(s) {
    return Array.from(s).map(function (ch) { return ch.toLowerCase(); }).join("");
  }

  function normalize(text) {
    var s = lower(String(text).normalize("NFKC"));
    var buckets = {};
    Array.from(s).forEach(function (ch) { if (isUnified(ch)) buckets[ch.codePointAt(0) % 16] = true; });
    return Promise.all(Object.keys(buckets).map(function (b) { return load("search/v/" + b + ".js"); }))
      .then(function () { return mapVariants(s); });
  }

  function mapVariants(s) {
    return Array.from(s).map(function (ch) {
      var map = isUnified(ch) && variants[ch.codePointAt(0) % 16];
      return (map && map[ch]) || ch;
    }).join("");
  }

  function stem(w) {
    if (!/^[\x00-\x7f]*$/.test(w) || w.length <= 3) return w;
    if (/ies$/.test(w)) w = w.slice(0, -3);
    else if (/(sses|shes|ches|xes)$/.test(w)) w = w.slice(0, -2);
    else if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    if (/y$/.test(w) && w.length - 1 >= 3) w = w.slice(0, -1);
    if (/ing$/.test(w) && w.length - 3 >= 3) return w.slice(0, -3);
    if (/ed$/.test(w) && w.length - 2 >= 3) return w.slice(0, -2);
    return w;
  }

  // A Chinese run of one character as itself, of up to six as every pair,
  // a longer one as every other pair and the last; words stemmed; at most
  // eight terms (a pasted sentence loads eight shards, not thirty).
  function queryTerms(text) {
    var terms = [], run = [], word = "";
    function flushRun() {
      var n = run.length, step = n <= 6 ? 1 : 2;
      if (n === 1) terms.push(run[0]);
      for (var i = 0; i + 1 < n; i += step) terms.push(run[i] + run[i + 1]);
      if (step === 2 && n % 2 === 1) terms.push(run[n - 2] + run[n - 1]);
      run = [];
    }
    function flushWord() { if (word) terms.push(stem(word)); word = ""; }
    Array.from(text).forEach(function (ch) {
      if (CJK.test(ch)) { flushWord(); run.push(ch); }
      else { flushRun(); if (WORD.test(ch)) word += ch; else flushWord(); }
    });
    flushRun();
    flushWord();
    return terms.filter(function (t, i) { return terms.indexOf(t) === i; }).slice(0, 8);
  }

  // FNV-1a over UTF-16 code units, as the build hashes terms into shards.
  function hash(term) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h >>> 0;
  }

  function decode(text) {
    var ids = [];
    if (!text) return ids;
    if (text.charAt(0) === "~") {
      for (var i = 1; i < text.length; i++) {
        var bits = VALUE[text[i]];
        for (var b = 0; b < 6; b++) if (bits & (1 << b)) ids.push((i - 1) * 6 + b);
      }
      return ids;
    }
    var previous = -1, gap = 0, scale = 1;
    for (var j = 0; j < text.length; j++) {
      var v = VALUE[text[j]];
      gap += (v & 31) * scale;
      if (v & 32) scale *= 32;
      else { previous += gap + 1; ids.push(previous); gap = 0; scale = 1; }
    }
    return ids;
  }

  // The entries holding every term of the query, best first: a term in a
  // page's title counts four times, in an entry that holds it often
  // twice, a rare term more than a common one.
  function rank(terms, year) {
    var postings = terms.map(function (t) {
      var shard = shards[hash(t) % meta.shards];
      var value = shard && shard[t];
      if (value === undefined) return null;
      return typeof value === "string"
        ? { body: decode(value), title: [], often: [] }
        : { body: decode(value[0]), title: decode(value[1]), often: decode(value[2] || "") };
    });
    if (!postings.length || postings.some(function (p) { return !p; })) return [];
    var from = 0, to = meta.entries;
    if (year) {
      var range = meta.years.filter(function (y) { return String(y[0]) === year; })[0];
      if (!range) return [];
      from = range[1];
      to = range[2];
    }
    postings.sort(function (a, b) { return a.body.length - b.body.length; });
    var scores = new Map();
    postings[0].body.forEach(function (id) { if (id >= from && id < to) scores.set(id, 0); });
    postings.forEach(function (p) {
      var idf = Math.log(1 + meta.entries / p.body.length);
      var inTitle = new Set(p.title), often = new Set(p.often);
      var hit = new Set();
      p.body.forEach(function (id) {
        if (!scores.has(id)) return;
        hit.add(id);
        scores.set(id, scores.get(id) + idf * (inTitle.has(id) ? 4 : 1) * (often.has(id) ? 2 : 1));
      });
      scores.forEach(function (_, id) { if (!hit.has(id)) scores.delete(id); });
    });
    return Array.from(scores.keys()).sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
  }

  function row(id) {
    var rows = entries[Math.floor(id / meta.chunk)];
    return rows && rows[id % meta.chunk];
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The text around the first match, the matches marked: found in the
  // normalized text, marked in the text as written (NFKC keeps the length
  // of what a report holds: full-width forms become one character each).
  function snippet(text, words) {
    var normal = mapVariants(lower(text.normalize("NFKC")));
    var aligned = normal.length === text.length;
    var haystack = aligned ? normal : text.toLowerCase();
    var at = -1;
    for (var i = 0; i < words.length && at < 0; i++) at = haystack.indexOf(words[i]);
    var start = Math.max(0, at - 40);
    var end = Math.min(text.length, start + 140);
    var marks = [];
    words.forEach(function (w) {
      if (!w) return;
      for (var k = haystack.indexOf(w, start); k >= 0 && k < end; k = haystack.indexOf(w, k + w.length)) {
        marks.push([k, Math.min(end, k + w.length)]);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var html = "", pos = start;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      html += escapeHtml(text.slice(pos, m[0])) + "<mark>" + escapeHtml(text.slice(m[0], m[1])) + "</mark>";
      pos = m[1];
    });
    html += escapeHtml(text.slice(pos, end));
    return (start > 0 ? "…" : "") + html + (end < text.length ? "…" : "");
  }

  var serial = 0, ranked = [], shown = 0, phrase = "", words = [];

  function run(query, year) {
    var mine = ++serial;
    list.innerHTML = "";
    more.hidden = true;
    if (!query.trim()) { status.textContent = ""; return Promise.resolve(); }
    return load("search/meta.js")
      .then(function () { return normalize(query); })
      .then(function (text) {
        var terms = queryTerms(text);
        var needed = {};
        terms.forEach(function (t) { needed[hash(t) % meta.shards] = true; });
        return Promise.all(Object.keys(needed).map(function (i) {
          return load("search/s/" + Number(i).toString(16) + ".js");
        })).then(function () { return [text, terms]; });
      })
      .then(function (found) {
        if (mine !== serial) return;
        words = found[0].split(/\s+/).filter(Boolean);
        phrase = found[0].replace(/\s+/g, "");
        ranked = rank(found[1], year);
        shown = 0;
        status.textContent = ranked.length
          ? status.getAttribute("data-results").replace("{count}", ranked.length)
          : status.getAttribute("data-none");
        return showMore(mine);
      });
  }

  // The next page of results: their entries loaded, those holding the
  // query as written (not only its pairs) first, in the title before the
  // text.
  function showMore(mine) {
    var page = ranked.slice(shown, shown + PAGE);
    shown += PAGE;
    more.disabled = true;
    var chunks = {};
    page.forEach(function (id) { chunks[Math.floor(id / meta.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (n) { return load("search/e/" + n + ".js"); }))
      .then(function () {
        if (mine !== serial) return;
        var exact = function (id) {
          var r = row(id);
          if (!r || !phrase) return 0;
          var norm = function (s) { return mapVariants(lower(String(s).normalize("NFKC"))).replace(/\s+/g, ""); };
          return norm(r[0]).indexOf(phrase) >= 0 ? 2 : norm(r[4]).indexOf(phrase) >= 0 ? 1 : 0;
        };
        page = page.map(function (id, i) { return { id: id, i: i, e: exact(id) }; })
          .sort(function (a, b) { return b.e - a.e || a.i - b.i; });
        page.forEach(function (p) {
          var r = row(p.id);
          if (!r) return;
          var li = document.createElement("li");
          li.className = "search-result";
          li.innerHTML =
            '<p class="search-meta">' + (r[2] ? escapeHtml(r[2]) + " · " : "") + escapeHtml(meta.kinds[r[3]] || "") + "</p>" +
            '<h2><a href="' + escapeHtml(root + r[1]) + '">' + escapeHtml(r[0]) + "</a></h2>" +
            (r[4] ? '<p class="search-snippet">' + snippet(r[4], words) + "</p>" : "");
          list.appendChild(li);
        });
        more.disabled = false;
        more.hidden = shown >= ranked.length;
      });
  }

  function update() {
    var params = new URLSearchParams();
    if (input.value) params.set("q", input.value);
    if (yearSelect && yearSelect.value) params.set("year", yearSelect.value);
    var search = params.toString();
    try {
      history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    } catch (e) {
      // Some browsers refuse to change the address of a page from disk.
    }
    run(input.value, yearSelect ? yearSelect.value : "");
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  var year = params.get("year") || "";
  if (yearSelect) yearSelect.value = year;
  var timer = null;
  // Not while an input method is composing (pinyin is not yet the query).
  input.addEventListener("input", function (e) {
    if (e.isComposing) return;
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  input.addEventListener("compositionend", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  if (yearSelect) yearSelect.addEventListener("change", update);
  input.form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  more.addEventListener("click", function () { showMore(serial); });

  // Arrow keys walk from the box through the results; Escape goes back.
  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && !e.isComposing && links().length) { e.preventDefault(); links()[0].focus(); }
  });
  list.addEventListener("keydown", function (e) {
    var all = links(), i = all.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && i + 1 < all.length) { e.preventDefault(); all[i + 1].focus(); }
    else if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
    else if (e.key === "Escape") { input.focus(); }
  });

  api.ready = run(input.value, year);
})();
