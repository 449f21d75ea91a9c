// Search in a real browser: from file:// and over HTTP; a 10,000-page
// site (bench/gen.py) answering a Chinese and an English query within 5 s
// while loading at most 300 KB of index and script, no index file over
// 1 MB; on the two-year fixture a figure's label, an event's title and a
// caption word finding their entries with kind and year, and `&year=`
// keeping to that year; arrow keys walking the results.
// Usage: node search.mjs WORK HTTP_BASE
//   WORK holds the built sites `example`, `library` (two-years) and
//   `large` (with its source in `large-src`); HTTP_BASE serves WORK.
import { readFileSync, statSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(join(process.cwd(), "tests/browser/package.json"));
const { chromium } = require("playwright-core");
const [, , work, http] = process.argv;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
let failed = 0;
function check(name, ok, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok || !detail ? "" : "\n  " + detail}`);
  if (!ok) failed++;
}

// Runs a query; returns the results, the time taken and the bytes of
// every search script the page loaded (read from the site on disk).
async function query(base, site, q, year = "") {
  const started = Date.now();
  await page.goto(`${base}/search/index.html?q=${encodeURIComponent(q)}${year ? "&year=" + year : ""}`);
  await page.evaluate(() => window.annalsSearch.ready);
  const ms = Date.now() - started;
  const { results, scripts } = await page.evaluate(() => ({
    results: [...document.querySelectorAll(".search-result")].map((li) => ({
      meta: li.querySelector(".search-meta").textContent,
      href: li.querySelector("h2 a").getAttribute("href"),
      title: li.querySelector("h2 a").textContent,
      marked: li.querySelectorAll("mark").length,
    })),
    scripts: [...document.querySelectorAll("script[src]")].map((s) => s.getAttribute("src")),
  }));
  const bytes = scripts
    .filter((s) => s.includes("search"))
    .reduce((sum, s) => sum + statSync(join(work, site, "search", s)).size, 0);
  return { results, ms, bytes, files: scripts.length };
}

// The large site: the right page for its title's words, in Chinese and
// English, within the byte and time budget, from disk and over HTTP.
const src = join(work, "large-src");
const year = readdirSync(join(src, "content")).filter((d) => /^\d{4}$/.test(d)).sort()[3];
const md = readFileSync(join(src, "content", year, "p0042.md"), "utf8");
const title = md.match(/^title: 第42篇 (\S+)$/m)[1];
for (const [base, how] of [[`file://${work}/large`, "file://"], [`${http}/large`, "HTTP"]]) {
  for (const q of [title, `${title.slice(0, 4)} report`]) {
    const r = await query(base, "large", q);
    const found = r.results.slice(0, 3).some((x) => x.href === `../${year}/p0042/index.html`);
    check(`large site, ${how}, '${q}' finds its page in the first three`, found, JSON.stringify(r.results.slice(0, 3)));
    check(`large site, ${how}, '${q}' within 5 s (${r.ms} ms)`, r.ms < 5000);
    check(`large site, ${how}, '${q}' loads ${Math.round(r.bytes / 1024)} KB in ${r.files} scripts (at most 300 KB)`, r.bytes <= 300 * 1024);
  }
}
let largest = 0;
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).forEach((e) => {
  const p = join(dir, e.name);
  if (e.isDirectory()) walk(p); else largest = Math.max(largest, statSync(p).size);
});
walk(join(work, "large", "search"));
check(`no index file of the large site over 1 MB (largest ${Math.round(largest / 1024)} KB)`, largest <= 1024 * 1024);

// The two-year fixture: figures, events and captions, each with its year
// and kind; a year filter.
const lib = `file://${work}/library`;
for (const [q, kind, href] of [
  ["读书活动", "数字", "../2024/stats/index.html#stat-events"],
  ["春季读书会", "大事", "../2024/chronicle/index.html#m-2024-03"],
  ["新书架", "图片说明", "../2024/photos/index.html#photo-shelf"],
]) {
  const r = await query(lib, "library", q);
  const hit = r.results.find((x) => x.href === href);
  check(`'${q}' finds the ${kind} ${href} with its year`, hit && hit.meta === `2024 · ${kind}`, JSON.stringify(r.results));
}
const all = await query(lib, "library", "读者");
const only = await query(lib, "library", "读者", "2023");
check("'读者' has results in both years", new Set(all.results.map((x) => x.meta.slice(0, 4))).size === 2, JSON.stringify(all.results));
check("&year=2023 shows only 2023", only.results.length > 0 && only.results.every((x) => x.meta.startsWith("2023")), JSON.stringify(only.results));
check("the year selector shows the year asked for", (await page.inputValue("#year")) === "2023");

// Keyboard: down from the box into the results, up back to it.
await query(lib, "library", "读者");
await page.focus("#q");
await page.keyboard.press("ArrowDown");
const first = await page.evaluate(() => document.activeElement === document.querySelector(".search-result a"));
await page.keyboard.press("ArrowUp");
const back = await page.evaluate(() => document.activeElement.id === "q");
check("arrow keys walk from the search box into the results and back", first && back);

// Highlighted matches, and a traditional query finding simplified text.
const trad = await query(`file://${work}/example`, "example", "會客室");
check("a traditional query finds simplified text, marked", trad.results.length > 0 && trad.results.some((x) => x.marked > 0), JSON.stringify(trad.results));

check("no script errors", errors.length === 0, errors.join("\n"));
await browser.close();
console.log(failed ? `${failed} search checks failed` : "search checks passed");
process.exit(failed ? 1 : 0);
