import { launchBrowser } from "./tests/e2e/browser.ts";
const base = "http://localhost:3100";
const b = await launchBrowser();
const jobs: [string, string, number, string][] = JSON.parse(process.argv[2]!);
for (const [name, path, width, lang] of jobs) {
  const ctx = await b.newContext({ viewport: { width, height: 900 }, locale: lang === "sv" ? "sv-FI" : "fi-FI", extraHTTPHeaders: { "Accept-Language": lang } });
  const page = await ctx.newPage();
  await page.goto(base + path);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  await ctx.close();
}
await b.close();
