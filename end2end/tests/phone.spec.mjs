// No page is wider than a small phone's screen (360 px), in any language: long words and long
// option texts wrap or shrink instead of pushing the page sideways.
import { test } from "@playwright/test";
import { expect, hydrated, snap, withJs } from "./helpers.mjs";
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

const MENU = {
  kk: { menu: "Мәзір", campaigns: "Науқандар" },
  ru: { menu: "Меню", campaigns: "Кампании" },
  en: { menu: "Menu", campaigns: "Campaigns" },
};

for (const lang of ["kk", "ru", "en"]) {
  test(`on a phone the header is one short bar whose menu opens without JavaScript, in ${lang}`, async ({ page }, testInfo) => {
    const t = MENU[lang];
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`/${lang}/help`);
    await hydrated(page, testInfo);
    const header = await page.locator(".site-header").boundingBox();
    expect(header.height, "the header's height").toBeLessThanOrEqual(64);
    // The three languages are one tap away, each a target of 44 px.
    for (const link of await page.locator(".language-switch a").all()) {
      await expect(link).toBeVisible();
      expect((await link.boundingBox()).height).toBeGreaterThanOrEqual(44);
    }
    const campaigns = page.locator(".site-nav").getByRole("link", { name: t.campaigns, exact: true });
    await expect(campaigns).toBeHidden();
    await page.locator(".site-menu__button").click();
    await expect(campaigns).toBeVisible();
    await snap(page, testInfo, `header-${lang}-phone-menu`);
    await campaigns.click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/campaigns$`));
    // The menu folds again on the next page, also when the app changes pages by itself.
    await expect(page.locator(".site-menu")).not.toHaveAttribute("open", /.*/);
    await expect(page.locator(".site-nav").getByRole("link", { name: t.campaigns, exact: true })).toBeHidden();
  });
}

test("on a wide screen the menu is always open, without a menu button", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto("/en/help");
  await expect(page.locator(".site-menu__button")).toBeHidden();
  await expect(page.locator(".site-nav").getByRole("link", { name: "Campaigns", exact: true })).toBeVisible();
  await expect(page.locator(".account-nav").getByRole("link", { name: "Sign in" })).toBeVisible();
  expect((await page.locator(".site-header").boundingBox()).height).toBeLessThanOrEqual(64);
  await snap(page, testInfo, "header-en-desktop");
});

test("on a phone the map fills the screen's width, is taller than the country, and every cluster is big enough to tap", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/ru/map");
  await hydrated(page, testInfo);
  const frame = await page.locator(".map__svg").boundingBox();
  expect(frame.width).toBeGreaterThanOrEqual(370);
  expect(frame.height).toBeGreaterThanOrEqual(frame.width * 0.95);
  const clusters = page.locator("a.cluster circle");
  expect(await clusters.count()).toBeGreaterThan(0);
  for (const cluster of (await clusters.all()).slice(0, 8)) {
    const box = await cluster.boundingBox();
    expect(Math.min(box.width, box.height), "a cluster's size on screen").toBeGreaterThanOrEqual(44);
  }
  // The regions' table opens with a visible arrow.
  const arrow = await page.locator(".region-table summary").evaluate((summary) => getComputedStyle(summary, "::before").borderLeftWidth);
  expect(parseFloat(arrow)).toBeGreaterThan(0);
  await snap(page, testInfo, "map-ru-phone-tall");
  // Zoomed into a cluster, the list under the map shows that area's campaigns.
  await expect(page.locator("#side-list-title")).toHaveText("Кампании");
  await page.locator("a.cluster").first().click();
  await expect(page.locator("#side-list-title")).toHaveText("Кампании на показанной части карты");
  const markers = page.locator("a.marker .marker__target");
  if ((await markers.count()) > 0) {
    const box = await markers.first().boundingBox();
    expect(Math.min(box.width, box.height), "a marker's target on screen").toBeGreaterThanOrEqual(44);
  }
  await snap(page, testInfo, withJs(testInfo) ? "map-ru-phone-zoomed" : "map-ru-phone-zoomed-nojs");
});
