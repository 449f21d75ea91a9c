// A photo opens larger over the page when clicked and closes again, with
// JavaScript (Escape closes it too) and without (a second click).
// Usage: node zoom.mjs PAGE_FILE
import { chromium } from "playwright-core";

const url = "file://" + process.argv[2];
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const problems = [];
for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "with JavaScript" : "without JavaScript";
  const page = await browser.newPage({ javaScriptEnabled, viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  const photo = page.locator("details.zoom summary").first();
  await photo.scrollIntoViewIfNeeded();
  await photo.click();
  const view = page.locator("details.zoom[open] .zoom-view img").first();
  await view.waitFor({ state: "visible", timeout: 5000 }).catch(() => problems.push(`${how}: the photo does not open`));
  const shown = await view.evaluate((img) => img.decode().then(() => {
    const r = img.getBoundingClientRect();
    return { natural: img.naturalWidth, width: r.width, height: r.height };
  })).catch(() => null);
  if (!shown || shown.natural === 0 || shown.width < 600) problems.push(`${how}: the large photo is not shown large: ${JSON.stringify(shown)}`);
  if (javaScriptEnabled) await page.keyboard.press("Escape");
  else await page.locator("details.zoom[open] .zoom-view").first().click();
  if (await page.locator("details.zoom[open]").count() !== 0) problems.push(`${how}: the photo does not close`);
  await page.close();
}
await browser.close();
for (const p of problems) console.log("  " + p);
process.exit(problems.length ? 1 : 0);
