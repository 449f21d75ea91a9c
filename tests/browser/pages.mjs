// Every page of a built site in headless Chromium, from file://: no console
// errors, no failed requests, every image decoded, no horizontal overflow
// at 375 px, and no serious or critical accessibility violations (axe-core).
// Usage: node pages.mjs PUBLIC_DIR [SCREENSHOT_DIR]
import { readdirSync, statSync, readFileSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const root = process.argv[2];
const shots = process.argv[3];

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    // 404.html resolves its links against the site's address.
    return name.endsWith(".html") && relative(root, path) !== "404.html" ? [path] : [];
  });
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"],
});
const problems = [];
let checked = 0;
for (const file of pages(root).sort()) {
  const name = relative(root, file);
  const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  page.on("console", (m) => { if (m.type() === "error") problems.push(`${name}: console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`${name}: script error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`${name}: failed request: ${r.url()}`));
  await page.goto("file://" + file + (name.startsWith("search/") ? "?q=%E6%8F%90%E6%A1%88" : ""));
  // Lazy images load when near the viewport: load them all now.
  await page.evaluate(() => document.querySelectorAll("img[loading=lazy]").forEach((i) => (i.loading = "eager")));
  await page.waitForLoadState("load");
  await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode().catch(() => {}))));
  const broken = await page.evaluate(() => [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
  for (const src of broken) problems.push(`${name}: image not decoded: ${src}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) problems.push(`${name}: ${overflow} px wider than 375`);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
  for (const v of result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
    problems.push(`${name}: accessibility (${v.impact}) ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
  }
  if (shots && ["index.html", "2024/index.html", "2024/politics/index.html", "2024/stats/index.html"].includes(name)) {
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, name.replaceAll("/", "-").replace("-index.html", "").replace("index.html", "home") + "-375.png"), fullPage: true });
  }
  await page.close();
  checked++;
}
await browser.close();
for (const p of problems) console.log("  " + p);
console.log(`${checked} pages checked, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
