/* annals search: indexes window.ANNALS_SEARCH (search-index.js, loaded by a
   script tag so it works from file:// too) with MiniSearch. Chinese has no
   spaces between words, so runs of CJK characters are split into
   overlapping bigrams (and single characters): a word is then found
   inside a longer run, 葡萄酒 in 葡萄酒产业发展. Latin text is split into
   lower-case words. */
(function () {
  "use strict";
  var docs = window.ANNALS_SEARCH || [];
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/;
  var RUN = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+|[\p{L}\p{N}]+/gu;

  function tokenize(text) {
    var tokens = [];
    var runs = String(text).toLowerCase().match(RUN) || [];
    runs.forEach(function (run) {
      if (!CJK.test(run)) { tokens.push(run); return; }
      var chars = Array.from(run);
      // Every character alone, for one-character queries, and every pair.
      for (var i = 0; i < chars.length; i++) {
        tokens.push(chars[i]);
        if (i + 1 < chars.length) tokens.push(chars[i] + chars[i + 1]);
      }
    });
    return tokens;
  }

  function queryTokens(text) {
    var tokens = [];
    (String(text).toLowerCase().match(RUN) || []).forEach(function (run) {
      var chars = Array.from(run);
      if (!CJK.test(run) || chars.length === 1) { tokens.push(run); return; }
      for (var i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
    });
    return tokens;
  }

  var index = new MiniSearch({
    idField: "id",
    fields: ["t", "b"],
    storeFields: ["t", "u", "y", "k", "b"],
    tokenize: tokenize,
    searchOptions: { tokenize: queryTokens, combineWith: "AND", boost: { t: 3 } }
  });
  index.addAll(docs.map(function (d, i) { return Object.assign({ id: i }, d); }));

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // A stretch of the text around the first place the query (or its first
  // term) occurs, with the matches marked.
  function snippet(text, query) {
    var lower = text.toLowerCase();
    var terms = String(query).toLowerCase().match(RUN) || [];
    var at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) at = lower.indexOf(terms[i]);
    var start = Math.max(0, at - 40);
    var piece = text.slice(start, start + 140);
    var html = escapeHtml(piece);
    terms.forEach(function (term) {
      if (!term) return;
      var safe = escapeHtml(term).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      html = html.replace(new RegExp(safe, "gi"), function (m) { return "<mark>" + m + "</mark>"; });
    });
    return (start > 0 ? "…" : "") + html + (start + 140 < text.length ? "…" : "");
  }

  function show(query) {
    list.innerHTML = "";
    if (!query.trim()) { status.textContent = ""; return; }
    var results = index.search(query);
    status.textContent = results.length
      ? status.getAttribute("data-results").replace("{count}", results.length)
      : status.getAttribute("data-none");
    results.slice(0, 50).forEach(function (r) {
      var li = document.createElement("li");
      li.className = "search-result";
      li.innerHTML =
        '<p class="search-meta">' + (r.y ? escapeHtml(r.y) + " · " : "") + escapeHtml(r.k) + "</p>" +
        '<h2><a href="' + escapeHtml(root + r.u) + '">' + escapeHtml(r.t) + "</a></h2>" +
        '<p class="search-snippet">' + snippet(r.b, query) + "</p>";
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  var query = params.get("q") || "";
  input.value = query;
  show(query);
  input.addEventListener("input", function () { show(input.value); });
})();
