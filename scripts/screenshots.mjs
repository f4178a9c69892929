#!/usr/bin/env node
// The README's screenshots: the built-in example, its recovered config.ts open, in light
// and dark, at 1280 and 390 px wide, written to www/.
//   node scripts/screenshots.mjs URL      (the built page served, e.g. by tests/e2e/serve.mjs)
import { launchChromium } from '../tests/e2e/harness.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8090/';
const browser = await launchChromium();
try {
  for (const [file, colorScheme, width, height] of [
    ['www/screenshot.png', 'light', 1280, 1400],
    ['www/screenshot-dark.png', 'dark', 1280, 1400],
    ['www/screenshot-narrow.png', 'light', 390, 844],
    ['www/screenshot-narrow-dark.png', 'dark', 390, 844],
  ]) {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme });
    const page = await context.newPage();
    await page.goto(url);
    await page.click('[data-testid="try-example"]');
    await page.waitForSelector('[data-testid="verdict"]');
    await page.click('[data-testid="tab-recovered"]');
    const row = (p) => page.locator(`[data-testid="recovered-row"][data-path="${p}"]`).filter({ visible: true });
    if ((await row('src/config.ts').count()) === 0) await row('src').click();
    await row('src/config.ts').click();
    await page.waitForSelector('[data-testid="viewer"][data-path="src/config.ts"]');
    // The verdict and the findings at the top; the narrow page shows the verdict.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: file });
    await context.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
}
