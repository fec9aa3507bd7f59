import { test } from "@playwright/test";
import { expect, hydrated, startUsing, withJs } from "./helpers.mjs";

/** The scripts and WebAssembly (the bundle, the street map's script, Leaflet) a page requests
 * while it loads; the list goes on filling in as the page requests more. */
async function bundleRequests(page, path) {
  const requested = [];
  page.on("request", (request) => {
    if (/\.(js|wasm)$/.test(new URL(request.url()).pathname)) requested.push(request.url());
  });
  const response = await page.goto(path);
  expect(response.status()).toBe(200);
  // Past the loader's idle wait (2 s at the latest), so a bundle that was going to load has.
  await page.waitForTimeout(2_500);
  return requested;
}

/** Hydration took over the server's page instead of rendering it a second time below (which it
 * did when a page's code was not loaded before hydrating it). */
async function hydratedOnce(page, path) {
  await page.locator("body[data-hydrated]").waitFor({ state: "attached", timeout: 15_000 });
  await expect(page.locator("h1")).toHaveCount(1);
  const served = await (await page.request.get(path)).text();
  const servedChildren = await page.evaluate((html) => new DOMParser().parseFromString(html, "text/html").querySelectorAll("main > *").length, served);
  expect(await page.locator("main > *").count()).toBe(servedChildren);
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

  for (const path of ["/ru/campaigns", "/en/signup", "/kk/map", "/ru/help/new"]) {
    test(`${path} works as HTML and loads the bundle once the visitor starts using it`, async ({ page }) => {
      const requested = await bundleRequests(page, path);
      expect(requested).toEqual([]);
      await expect(page.locator("body")).not.toHaveAttribute("data-hydrated", "true");
      await startUsing(page);
      await hydratedOnce(page, path);
      expect(requested.some((url) => url.endsWith(".wasm"))).toBe(true);
    });
  }

  test("the transparency page loads the bundle when its figures are due to count again", async ({ page }) => {
    await page.clock.install();
    const counted = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/fn/transparency")) counted.push(request.url());
    });
    const requested = await bundleRequests(page, "/en/transparency");
    expect(requested).toEqual([]);
    // A minute on the page, without touching it.
    await page.clock.fastForward("01:00");
    await page.clock.resume();
    await hydratedOnce(page, "/en/transparency");
    expect(requested.some((url) => url.endsWith(".wasm"))).toBe(true);
    // The figures the server sent are a minute old: they are counted again at once.
    await expect.poll(() => counted.length).toBeGreaterThan(0);
  });

  test("what a visitor typed and picked before the bundle arrived is still there after", async ({ page }) => {
    // The WebAssembly is held back until the visitor has filled in the filters.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route("**/pkg/*.wasm", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/en/campaigns");
    await page.locator("#filter-q").fill("water");
    await page.locator("#filter-region").selectOption("KZ-75");
    release();
    await page.locator("body[data-hydrated]").waitFor({ state: "attached", timeout: 15_000 });
    await expect(page.locator("#filter-q")).toHaveValue("water");
    await expect(page.locator("#filter-region")).toHaveValue("KZ-75");
    // And the router, now in charge, searches for it without a page load.
    await page.evaluate(() => (window.__sameDocument = true));
    await page.locator("#filter-q").press("Enter");
    await expect(page).toHaveURL(/q=water/);
    await expect(page).toHaveURL(/region=KZ-75/);
    expect(await page.evaluate(() => window.__sameDocument === true)).toBe(true);
  });

  test("a page reached from a hydrated one inside the app stays interactive", async ({ page }, testInfo) => {
    await page.goto("/en/campaigns");
    await hydrated(page, testInfo);
    await page.evaluate(() => (window.__sameDocument = true));
    await page.locator(".campaign-card__title a").first().click();
    await expect(page).toHaveURL(/\/en\/campaigns\/\d+/);
    // The router showed the campaign in the same document.
    expect(await page.evaluate(() => window.__sameDocument === true)).toBe(true);
  });
});
