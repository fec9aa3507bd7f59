import { test } from "@playwright/test";
import { expect, withJs } from "./helpers.mjs";

/** The files of the browser bundle (JavaScript and WebAssembly) a page requests while it loads. */
async function bundleRequests(page, path) {
  const requested = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/pkg/") && /\.(js|wasm)$/.test(request.url())) requested.push(request.url());
  });
  const response = await page.goto(path);
  expect(response.status()).toBe(200);
  // Past the loader's idle wait (2 s at the latest), so a bundle that was going to load has.
  await page.waitForTimeout(2_500);
  return requested;
}

test.describe("the browser bundle loads only where a page needs it", () => {
  test.beforeEach(async ({}, testInfo) => {
    test.skip(!withJs(testInfo), "without JavaScript no page loads the bundle");
  });

  for (const path of ["/kk", "/ru/campaigns/1", "/en/organizations", "/kk/help"]) {
    test(`${path} is complete as HTML and downloads no script`, async ({ page }) => {
      const problems = [];
      page.on("pageerror", (error) => problems.push(error.message));
      expect(await bundleRequests(page, path)).toEqual([]);
      await expect(page.locator("body")).not.toHaveAttribute("data-hydrated", "true");
      await expect(page.locator("main h1")).toBeVisible();
      expect(problems).toEqual([]);
    });
  }

  for (const path of ["/ru/campaigns", "/en/signup", "/kk/map", "/en/transparency"]) {
    test(`${path} loads the bundle and hydrates`, async ({ page }) => {
      const requested = await bundleRequests(page, path);
      expect(requested.some((url) => url.endsWith(".wasm"))).toBe(true);
      await page.locator("body[data-hydrated]").waitFor({ state: "attached", timeout: 15_000 });
      // Hydration took over the server's page instead of rendering it a second time below
      // (which it did when a page's code was not loaded before hydrating it).
      await expect(page.locator("h1")).toHaveCount(1);
      const served = await (await page.request.get(path)).text();
      const servedChildren = await page.evaluate((html) => new DOMParser().parseFromString(html, "text/html").querySelectorAll("main > *").length, served);
      expect(await page.locator("main > *").count()).toBe(servedChildren);
    });
  }

  test("a page reached from a hydrated one inside the app stays interactive", async ({ page }) => {
    await page.goto("/en/campaigns");
    await page.locator("body[data-hydrated]").waitFor({ state: "attached", timeout: 15_000 });
    await page.evaluate(() => (window.__sameDocument = true));
    await page.locator(".campaign-card__title a").first().click();
    await expect(page).toHaveURL(/\/en\/campaigns\/\d+/);
    // The router showed the campaign in the same document.
    expect(await page.evaluate(() => window.__sameDocument === true)).toBe(true);
  });
});
