// No page is wider than a small phone's screen (360 px), in any language: long words and long
// option texts wrap or shrink instead of pushing the page sideways.
import { test } from "@playwright/test";
import { expect, hydrated } from "./helpers.mjs";
import { person } from "./accounts.mjs";

const PUBLIC = ["", "/campaigns", "/map", "/organizations", "/help", "/help/new", "/transparency", "/signup", "/login", "/password/forgot"];
const SIGNED_IN = ["/me", "/organizations/new", "/help/new", "/signup/about", "/signup/interests", "/signup/consent"];

/** The page's width beyond the viewport, in CSS pixels (0 when it fits). */
async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function fits(page, testInfo, path) {
  const response = await page.goto(path);
  expect(response.status(), path).toBeLessThan(400);
  await hydrated(page, testInfo);
  expect(await overflow(page), `${path} is wider than the screen`).toBeLessThanOrEqual(0);
}

for (const lang of ["kk", "ru", "en"]) {
  test(`no public page is wider than a 360 px phone in ${lang}`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 360, height: 780 });
    for (const path of PUBLIC) await fits(page, testInfo, `/${lang}${path}`);
    // A campaign and an organisation of the demo data.
    await page.goto(`/${lang}/campaigns`);
    const campaign = await page.locator(".campaign-card__title a").first().getAttribute("href");
    await fits(page, testInfo, campaign);
    await page.goto(`/${lang}/organizations`);
    const organization = await page.locator(".organization-card a").first().getAttribute("href");
    await fits(page, testInfo, organization);
  });
}

test("no signed-in page is wider than a 360 px phone, in three languages", async ({ browser }, testInfo) => {
  const contexts = [];
  try {
    const { page } = await person(browser, testInfo, "kk", "phone-width", contexts);
    await page.setViewportSize({ width: 360, height: 780 });
    for (const lang of ["kk", "ru", "en"]) {
      for (const path of SIGNED_IN) await fits(page, testInfo, `/${lang}${path}`);
    }
  } finally {
    for (const context of contexts) await context.close();
  }
});
