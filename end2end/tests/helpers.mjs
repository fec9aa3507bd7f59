import { expect } from "@playwright/test";

/** Saves a full-page screenshot under end2end/screenshots/<project>/<name>.png. */
export async function snap(page, testInfo, name) {
  // A page in a window behind another may never finish painting (its timers are throttled).
  await page.bringToFront();
  const path = `screenshots/${testInfo.project.name}/${name}.png`;
  // Chromium now and then fails to capture a tall page on a busy machine; a second try succeeds.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.screenshot({ path, fullPage: true });
      return;
    } catch (error) {
      if (attempt === 3 || !String(error).includes("Unable to capture screenshot")) throw error;
      await page.waitForTimeout(500);
    }
  }
}

/** True in the project that runs with JavaScript. */
export function withJs(testInfo) {
  return testInfo.project.name === "js";
}

/** Waits until the WebAssembly has hydrated the page (JavaScript project only). A page with
 * nothing marked `data-needs-script` is complete as HTML and loads no bundle; one whose marked
 * elements need it "on use" loads it when the visitor points at one, as this does (ui/bundle.rs). */
export async function hydrated(page, testInfo) {
  if (!withJs(testInfo)) return;
  const marked = page.locator("[data-needs-script]");
  if ((await marked.count()) === 0) return;
  const done = page.locator("body[data-hydrated]");
  if ((await done.count()) === 0) await startUsing(page);
  await done.waitFor({ state: "attached", timeout: 15_000 });
}

/** Points at the first element of the page that needs the bundle, as a visitor about to use it. */
export async function startUsing(page) {
  await page.locator("[data-needs-script]").filter({ visible: true }).first().hover({ force: true });
}

/** Waits until the campaign list shows the page for the current address. */
export async function listSettled(page) {
  await page.locator('.results[aria-busy="false"]').waitFor();
}

export { expect };
