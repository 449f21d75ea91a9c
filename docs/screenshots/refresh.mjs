// Takes the screenshots of docs/screenshots/ (see refresh.sh): for each
// page kind of each theme, the page at 1280 and 375 px in light and dark,
// set side by side on one sheet, saved as JPEG; and the light views of the
// main pages alone as PNG (`default-report-1280.png`).
// Usage: node refresh.mjs BUILT_SITES_DIR OUT_DIR
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(join(process.cwd(), "tests/browser/package.json"));
const { chromium } = require("playwright-core");
const [, , sites, out] = process.argv;
const kinds = {
  home: "index.html",
  report: "2024/index.html",
  chapter: "2024/counsel/index.html",
  stats: "2024/stats/index.html",
  chronicle: "2024/chronicle/index.html",
  photos: "2024/photos/index.html",
  print: "2024/print/index.html",
  "across-years": "stats/index.html",
  section: "archive/index.html",
  page: "archive/hongsibao-memories/index.html",
  tags: "tags/index.html",
  search: "search/index.html?q=%E8%91%A1%E8%90%84%E9%85%92",
  "not-found": "404.html",
};
const views = [[1280, "light"], [1280, "dark"], [375, "light"], [375, "dark"]];
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
for (const theme of ["default", "gazette"]) {
  for (const [kind, path] of Object.entries(kinds)) {
    const shots = [];
    for (const [width, scheme] of views) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`file://${join(sites, theme, path)}`);
      // The search page's results arrive after its index files load.
      await page.evaluate(() => window.annalsSearch && window.annalsSearch.ready);
      await page.evaluate(() => document.querySelectorAll("img[loading=lazy]").forEach((i) => (i.loading = "eager")));
      // The load event has passed: wait for the images made eager to decode.
      await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode().catch(() => {}))));
      const png = await page.screenshot();
      shots.push({ width, scheme, png: png.toString("base64") });
      // The light views of the main pages, alone, for the README and guides.
      if (scheme === "light" && ["home", "report", "chapter", "stats", "photos"].includes(kind)) {
        writeFileSync(join(out, `${theme}-${kind}-${width}.png`), png);
      }
    }
    // One sheet: the four views, scaled to half, labelled.
    const cells = shots.map((s) => `<figure><img src="data:image/png;base64,${s.png}" width="${s.width / 2}"><figcaption>${s.width} px · ${s.scheme}</figcaption></figure>`).join("");
    await page.setViewportSize({ width: 1700, height: 500 });
    await page.emulateMedia({ colorScheme: "light" });
    await page.setContent(`<body style="margin:0;padding:12px;background:#888;font:13px sans-serif;color:#fff;display:flex;gap:12px;align-items:flex-start"><h1 style="writing-mode:vertical-rl;margin:0;font-size:15px">${theme} · ${kind}</h1>${cells}</body>`);
    await page.waitForLoadState("load");
    const sheet = await page.screenshot({ fullPage: true, type: "jpeg", quality: 72 });
    writeFileSync(join(out, `${theme}-${kind}.jpg`), sheet);
  }
}
await browser.close();
