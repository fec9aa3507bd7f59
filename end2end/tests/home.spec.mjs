import { test } from "@playwright/test";
import { expect, hydrated, snap } from "./helpers.mjs";

const homes = [
  { lang: "kk", title: "Жақсылықты бірге жасайық", cta: "Волонтер болу", directions: "Бағдарламаның 8 бағыты", switchTo: "Русский" },
  { lang: "ru", title: "Делаем добро вместе", cta: "Стать волонтёром", directions: "8 направлений программы", switchTo: "English" },
  { lang: "en", title: "Doing good together", cta: "Become a volunteer", directions: "The programme's 8 directions", switchTo: "Қазақша" },
];

for (const home of homes) {
  test(`home page in ${home.lang}`, async ({ page }, testInfo) => {
    // Errors in the console (a script refused by the content security policy, a failed
    // hydration) would mean the page is broken for real visitors.
    const problems = [];
    page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
    page.on("pageerror", (error) => problems.push(error.message));
    const response = await page.goto(`/${home.lang}`);
    expect(response.status()).toBe(200);
    await hydrated(page, testInfo);
    await expect(page.locator("html")).toHaveAttribute("lang", home.lang);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(home.title);
    await expect(page.getByRole("link", { name: home.cta })).toBeVisible();
    // Three live counters, each a positive number.
    const values = await page.locator(".counter__value").allTextContents();
    expect(values).toHaveLength(3);
    for (const value of values) expect(Number(value.replace(/[^\d]/g, ""))).toBeGreaterThan(0);
    await expect(page.getByRole("heading", { name: home.directions })).toBeVisible();
    await expect(page.locator(".direction-card")).toHaveCount(8);
    expect(await page.locator(".upcoming .campaign-card").count()).toBeGreaterThan(0);
    // Whole addresses, as search engines want them; Kazakh also stands for any other language.
    for (const other of ["kk", "ru", "en"]) {
      await expect(page.locator(`link[rel="alternate"][hreflang="${other}"]`)).toHaveAttribute("href", new URL(`/${other}`, page.url()).href);
    }
    await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute("href", new URL("/kk", page.url()).href);
    expect(problems).toEqual([]);
    await snap(page, testInfo, `home-${home.lang}-desktop`);
    await page.setViewportSize({ width: 390, height: 844 });
    await snap(page, testInfo, `home-${home.lang}-phone`);
  });
}

test("the root address opens the browser's language and the switch remembers a choice", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ locale: "ru-RU", javaScriptEnabled: testInfo.project.name === "js" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/ru$/);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // The cookie now wins over the browser's language.
  await page.goto("/");
  await expect(page).toHaveURL(/\/en$/);
  await context.close();
});

test("a direction on the home page opens its campaigns", async ({ page }, testInfo) => {
  await page.goto("/en");
  await hydrated(page, testInfo);
  await page.getByRole("link", { name: "Qamqor", exact: true }).click();
  await expect(page).toHaveURL(/\/en\/campaigns\?direction=qamqor$/);
  await expect(page.getByLabel("Direction")).toHaveValue("qamqor");
  expect(await page.locator(".campaign-card").count()).toBeGreaterThan(0);
  for (const tag of await page.locator(".campaign-card .tag").first().allTextContents()) expect(tag).toBe("Qamqor");
});
