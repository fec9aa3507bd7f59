import { test } from "@playwright/test";
import { expect, hydrated, listSettled, snap, withJs } from "./helpers.mjs";

/** The titles of the campaigns listed on the page, once the list matches the address. */
async function titles(page) {
  await listSettled(page);
  return page.locator(".campaign-card__title").allTextContents();
}

test("filtering by region keeps the filter in the URL and lists only that region", async ({ page }, testInfo) => {
  await page.goto("/ru/campaigns");
  await hydrated(page, testInfo);
  await page.evaluate(() => (window.__sameDocument = true));
  await page.getByLabel("Регион").selectOption("KZ-75");
  await page.getByRole("button", { name: "Показать" }).click();
  await expect(page).toHaveURL(/region=KZ-75/);
  await expect(page.getByLabel("Регион")).toHaveValue("KZ-75");
  await listSettled(page);
  const cards = page.locator(".campaign-card");
  await expect(cards.first()).toBeVisible();
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(cards.nth(i)).toContainText("Алматы");
  // With JavaScript the list updates without loading a new document.
  expect(await page.evaluate(() => window.__sameDocument === true)).toBe(withJs(testInfo));
  await snap(page, testInfo, "campaigns-ru-region");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, "campaigns-ru-region-phone");
});

test("search ignores case in Kazakh and finds texts in every language", async ({ page }, testInfo) => {
  await page.goto("/kk/campaigns");
  await hydrated(page, testInfo);
  await page.getByLabel("Іздеу").fill("ДОНОР");
  await page.getByRole("button", { name: "Көрсету" }).click();
  await expect(page).toHaveURL(/q=%D0%94%D0%9E%D0%9D%D0%9E%D0%A0/);
  if (withJs(testInfo)) {
    // With JavaScript the address keeps only the filters in use: no "&=" of the nameless button.
    expect(new URL(page.url()).search).toBe("?q=%D0%94%D0%9E%D0%9D%D0%9E%D0%A0");
  }
  await expect(page.locator(".campaign-card").first()).toBeVisible();
  for (const title of await titles(page)) expect(title.toLowerCase()).toMatch(/донор|donor/);
  await page.getByLabel("Іздеу").fill("ҚАРТТАР ҮЙІНДЕ");
  await page.getByRole("button", { name: "Көрсету" }).click();
  await expect(page.locator(".campaign-card").first()).toBeVisible();
  await snap(page, testInfo, "campaigns-kk-search");
});

test("dates and format narrow the list and an impossible combination says so", async ({ page }, testInfo) => {
  await page.goto("/en/campaigns");
  await hydrated(page, testInfo);
  await page.getByLabel("Format").selectOption("online");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/mode=online/);
  await listSettled(page);
  await expect(page.locator(".campaign-card").first()).toBeVisible();
  for (const card of await page.locator(".campaign-card").all()) await expect(card).toContainText("Online");
  await page.getByLabel("From").fill("2000-01-01");
  await page.getByLabel("To").fill("2000-01-02");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText("No campaigns match these filters. Try changing them.")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/en\/campaigns$/);
  await expect(page.locator(".campaign-card")).toHaveCount(20);
});

test("pages follow each other without repeats and lead back", async ({ page }, testInfo) => {
  await page.goto("/en/campaigns?region=KZ-71");
  await hydrated(page, testInfo);
  const first = await titles(page);
  expect(first).toHaveLength(20);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/region=KZ-71&after=/);
  await expect(page.locator(".campaign-card").first()).toBeVisible();
  const second = await titles(page);
  const firstIds = await page.locator(".campaign-card__title a").evaluateAll((links) => links.map((a) => a.href));
  expect(second.length).toBeGreaterThan(0);
  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(page.locator(".campaign-card__title").first()).toHaveText(first[0]);
  const back = await page.locator(".campaign-card__title a").evaluateAll((links) => links.map((a) => a.href));
  for (const href of firstIds) expect(back).not.toContain(href);
});

test("the language switch keeps the page and its filters", async ({ page }, testInfo) => {
  await page.goto("/kk/campaigns?region=KZ-75&direction=qamqor");
  await hydrated(page, testInfo);
  await page.getByRole("link", { name: "Русский" }).click();
  await expect(page).toHaveURL(/\/ru\/campaigns\?region=KZ-75&direction=qamqor$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByLabel("Регион")).toHaveValue("KZ-75");
  await expect(page.getByLabel("Направление")).toHaveValue("qamqor");
});

for (const { lang, facts } of [
  { lang: "kk", facts: ["Ұйымдастырушы", "Уақыты", "Өңір", "Орындар", "Жасы"] },
  { lang: "ru", facts: ["Организатор", "Когда", "Регион", "Места", "Возраст"] },
  { lang: "en", facts: ["Organiser", "When", "Region", "Places", "Age"] },
]) {
  test(`a campaign page in ${lang}`, async ({ page }, testInfo) => {
    await page.goto(`/${lang}/campaigns`);
    await hydrated(page, testInfo);
    const link = page.locator(".campaign-card__title a").first();
    const title = (await link.locator("span").first().textContent()).trim();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/campaigns/\\d+$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
    for (const fact of facts) await expect(page.locator("dt", { hasText: fact })).toBeVisible();
    await snap(page, testInfo, `campaign-${lang}-desktop`);
    await page.setViewportSize({ width: 390, height: 844 });
    await snap(page, testInfo, `campaign-${lang}-phone`);
  });
}

test("a text missing in the reader's language is shown in another one and marked", async ({ page, request }, testInfo) => {
  let id;
  for (let url = "/api/v1/campaigns?limit=100"; url && !id; ) {
    const body = await (await request.get(url)).json();
    id = body.items.find((c) => c.title.kk === null && c.title.ru !== null)?.id;
    url = body.next;
  }
  expect(id).toBeTruthy();
  await page.goto(`/kk/campaigns/${id}`);
  await hydrated(page, testInfo);
  await expect(page.getByRole("heading", { level: 1 }).locator('span[lang="ru"]')).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Басқа тілде көрсетілген: Русский");
  await snap(page, testInfo, "campaign-kk-fallback");
});

for (const { lang, text } of [
  { lang: "kk", text: "Науқан табылмады" },
  { lang: "ru", text: "Кампания не найдена" },
  { lang: "en", text: "Campaign not found" },
]) {
  test(`an unknown campaign is a 404 in ${lang}`, async ({ page }) => {
    const response = await page.goto(`/${lang}/campaigns/987654321`);
    expect(response.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByRole("link", { name: /Басты бетке өту|На главную|Go to the home page/ })).toBeVisible();
  });
}

test("a bad filter in the address is explained, not a crash", async ({ page }, testInfo) => {
  const response = await page.goto("/en/campaigns?region=KZ-99");
  expect(response.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("There is no such region.");
  await snap(page, testInfo, "campaigns-en-bad-filter");
});

test("the filters can be used with the keyboard alone", async ({ page }, testInfo) => {
  await page.goto("/en/campaigns");
  await hydrated(page, testInfo);
  await page.getByLabel("Search").focus();
  await page.keyboard.type("tree");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=tree/);
  await expect(page.locator(".campaign-card").first()).toBeVisible();
  for (const title of await titles(page)) expect(title.toLowerCase()).toMatch(/tree|ағаш|дерев/);
});

test("an English list says quietly, once per card, which texts are in another language", async ({ page }, testInfo) => {
  await page.goto("/en/campaigns?limit=100");
  await hydrated(page, testInfo);
  const cards = page.locator(".campaign-card");
  const total = await cards.count();
  expect(total).toBeGreaterThan(20);
  // The demo data, like real organisations, mostly write in English too.
  const marked = page.locator(".campaign-card:has(.card-language-note)");
  expect(await marked.count()).toBeLessThan(total / 2);
  for (const card of (await marked.all()).slice(0, 10)) {
    await expect(card.locator(".card-language-note")).toHaveCount(1);
    await expect(card.locator(".lang-note")).toHaveCount(0);
    await expect(card.locator(".card-language-note")).toHaveText(/^Shown in another language: (Қазақша|Русский)(, (Қазақша|Русский))?$/);
  }
});
