// Every page of a built site in headless Chromium, from file://: no console
// errors, no failed requests, every image decoded, no horizontal overflow
// at 375 px; and at 375 and 1280 px, in light and dark: no serious or
// critical accessibility violation (axe-core, contrast included), no CSS
// filter on a photo or its ancestors, no photo cropped out of its shape,
// no figure broken between its number and its unit. A report page at
// 375 px shows its chapter list within the first 1,300 px.
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
    return name.endsWith(".html") ? [path] : [];
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
  for (const [width, scheme] of [[375, "light"], [375, "dark"], [1280, "light"], [1280, "dark"]]) {
    const at = `${name} (${width} px, ${scheme})`;
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    const result = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
    for (const v of result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
      problems.push(`${at}: accessibility (${v.impact}) ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
    }
    const found = await page.evaluate(() => {
      const out = [];
      for (const img of document.images) {
        for (let e = img; e && e.nodeType === 1; e = e.parentElement) {
          const f = getComputedStyle(e).filter;
          if (f && f !== "none") { out.push(`filter ${f} on a photo (${e.tagName.toLowerCase()}.${e.className})`); break; }
        }
        const box = img.getBoundingClientRect();
        const fit = getComputedStyle(img).objectFit;
        if (img.naturalWidth && box.width && box.height && (fit === "cover" || fit === "fill")) {
          const shown = box.width / box.height, own = img.naturalWidth / img.naturalHeight;
          if (Math.abs(shown / own - 1) > 0.02) out.push(`photo shown at ${shown.toFixed(2)}:1, taken at ${own.toFixed(2)}:1 (${img.currentSrc.split("/").pop()})`);
        }
      }
      for (const f of document.querySelectorAll(".figure, .figure-value, .stats-table .num, .chapter-figures dd, .print-figures dd")) {
        const lines = new Set([...f.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) out.push(`figure broken across lines: ${f.textContent.trim()}`);
      }
      return out;
    });
    for (const p of found) problems.push(`${at}: ${p}`);
  }
  await page.setViewportSize({ width: 375, height: 800 });
  await page.emulateMedia({ colorScheme: "light" });
  if (/^\d{4}\/index\.html$/.test(name)) {
    const top = await page.evaluate(() => {
      const toc = document.querySelector("#toc-title");
      return toc ? toc.getBoundingClientRect().top + scrollY : null;
    });
    if (top === null || top > 1300) problems.push(`${name}: the chapter list starts at ${top} px on a phone, not within 1,300`);
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
