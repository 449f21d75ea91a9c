// Runs queries on a built site's search page from file:// in headless
// Chromium and prints, for each, the results, the index files it loaded
// (shards, entry files, variant tables), their bytes with the page's
// script, and the time. Usage: node bench/search.mjs SITE QUERY...
import { statSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(join(process.cwd(), "tests/browser/package.json"));
const { chromium } = require("playwright-core");
const [, , site, ...queries] = process.argv;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await browser.newPage();
console.log(`${"query".padEnd(24)} ${"results".padStart(7)} ${"shards".padStart(6)} ${"entries".padStart(7)} ${"files".padStart(5)} ${"KB".padStart(6)} ${"ms".padStart(5)}`);
let worst = 0;
for (const q of queries) {
  const started = Date.now();
  await page.goto(`file://${site}/search/index.html?q=${encodeURIComponent(q)}`);
  const count = await page.evaluate(() => window.annalsSearch.ready.then(() =>
    (document.getElementById("search-status").textContent.match(/\d+/) || ["0"])[0]));
  const ms = Date.now() - started;
  const srcs = await page.evaluate(() => [...document.querySelectorAll("script[src]")].map((s) => s.getAttribute("src")));
  const mine = srcs.filter((s) => s.includes("search"));
  const bytes = mine.reduce((sum, s) => sum + statSync(join(site, "search", s)).size, 0);
  worst = Math.max(worst, bytes);
  const n = (part) => mine.filter((s) => s.includes(`search/${part}/`)).length;
  console.log(`${q.padEnd(24)} ${String(count).padStart(7)} ${String(n("s")).padStart(6)} ${String(n("e")).padStart(7)} ${String(mine.length).padStart(5)} ${(bytes / 1024).toFixed(1).padStart(6)} ${String(ms).padStart(5)}`);
}
console.log(`most loaded by one query: ${(worst / 1024).toFixed(1)} KB`);
await browser.close();
