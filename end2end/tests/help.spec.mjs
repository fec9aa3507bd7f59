// Targeted help in the browser: a person files a request without an account, a moderator
// verifies it, a volunteer takes it, delivers the help and confirms it with the person's code,
// and the transparency page counts it. In each language, with and without JavaScript.
import { test } from "@playwright/test";
import { expect, hydrated, snap, withJs } from "./helpers.mjs";
import { freshAddress, makeModerator, person, submit } from "./accounts.mjs";

test.beforeEach(async ({ page }) => freshAddress(page));

const contexts = [];
test.afterEach(async () => {
  while (contexts.length) await contexts.pop().close();
});

const TEXT = {
  kk: { send: "Өтінімді жіберу", verify: "Өтінімнің шын екенін растау", take: "Өтінімді алу", start: "Көмектесуді бастау", deliver: "Көмек көрсетілді деп белгілеу",
        confirm: "Көмектің алынғанын растау", confirmed: "Адам растады", required: "Бұл өрісті толтырыңыз.", codeWrong: "Бұл адамның коды емес", region: "KZ-61", regionWithoutJs: "KZ-33",
        description: "Жалғыз тұратын атама азық-түлік пен дәрі жеткізу керек, өзі үйден шыға алмайды." },
  ru: { send: "Отправить заявку", verify: "Подтвердить, что заявка настоящая", take: "Взять заявку", start: "Начать помогать", deliver: "Отметить, что помощь оказана",
        confirm: "Подтвердить получение помощи", confirmed: "Подтверждена человеком", required: "Заполните это поле.", codeWrong: "Это не код этого человека", region: "KZ-55", regionWithoutJs: "KZ-63",
        description: "Одинокому дедушке нужно привезти продукты и лекарства, сам он не выходит из дома." },
  en: { send: "Send the request", verify: "Confirm the request is real", take: "Take the request", start: "Start helping", deliver: "Mark as delivered",
        confirm: "Confirm the help was received", confirmed: "Confirmed by the person", required: "Fill in this field.", codeWrong: "This is not the person's code", region: "KZ-43", regionWithoutJs: "KZ-59",
        description: "An elderly man who lives alone needs food and medicine brought home; he cannot go out." },
};

/** A figure of the transparency page for a region, as a number. */
async function figure(page, lang, region, name) {
  await page.goto(`/${lang}/transparency?region=${region}`);
  const text = await page.locator(`[data-figure="${name}"] .figure__value`).innerText();
  return Number(text.replace(/\D/g, ""));
}

/** The platform refuses a post sooner than a person could fill the form (3 s): wait that out. */
async function afterAPersonsPause(since) {
  const left = 3500 - (Date.now() - since);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}

for (const lang of ["kk", "ru", "en"]) {
  test(`a request for help is filed in ${lang}, verified, taken, delivered, confirmed with the code and counted`, async ({ browser, page }, testInfo) => {
    test.setTimeout(180_000);
    // The runs with and without JavaScript go at once: each counts in a region of its own, so
    // the figures must move by exactly this test's request.
    const t = { ...TEXT[lang], region: withJs(testInfo) ? TEXT[lang].region : TEXT[lang].regionWithoutJs };
    await page.setViewportSize({ width: 390, height: 844 });
    const deliveredBefore = await figure(page, lang, t.region, "transparency_delivered");
    const confirmedBefore = await figure(page, lang, t.region, "transparency_confirmed");

    // The person in need, without an account: a missing field comes back beside it, nothing lost.
    await page.goto(`/${lang}/help/new`);
    let since = Date.now();
    await hydrated(page, testInfo);
    await snap(page, testInfo, `help-${lang}-1-form`);
    await page.locator("#field-kind").selectOption("food");
    await page.locator("#field-direction").selectOption("qamqor");
    await page.locator("#field-urgency").selectOption("soon");
    await page.locator("#field-description").fill(t.description);
    await page.locator("#field-region").selectOption(t.region);
    await page.locator("#field-contact_name").fill("Серік Жұмабаев");
    await page.locator("#field-contact_phone").fill("8 701 555 12 34");
    await page.locator("#field-address").fill("Абай көшесі, 12-үй");
    await page.locator('input[name="agree"]').check();
    await afterAPersonsPause(since);
    await submit(page, t.send);
    await expect(page.locator("#error-locality")).toHaveText(t.required);
    await expect(page.locator("#field-description")).toHaveValue(t.description);
    await snap(page, testInfo, `help-${lang}-2-error`);
    // Without JavaScript the page came back with a new form stamp, so the pause starts again.
    if (!withJs(testInfo)) since = Date.now();
    await page.locator("#field-locality").fill("Түркістан");
    await afterAPersonsPause(since);
    await submit(page, t.send);
    await expect(page).toHaveURL(new RegExp(`/${lang}/help/follow/[0-9a-f]{64}\\?filed=1`));
    const followLink = new URL(page.url()).pathname;
    // The address to keep is this page's, in its language (with JavaScript it once said /kk/).
    await expect(page.locator(".private-link")).toHaveText(new RegExp(`/${lang}/help/follow/[0-9a-f]{64}$`));
    await expect(page.locator(".notice--success")).toBeVisible();
    const code = await page.locator(".confirmation-code__digits").getAttribute("aria-label");
    expect(code).toMatch(/^\d{6}$/);
    const id = (await page.locator("h1").innerText()).match(/\d+/)[0];
    await snap(page, testInfo, `help-${lang}-3-filed`);

    // A moderator checks that it is real.
    const { page: moderator, email: moderatorEmail } = await person(browser, testInfo, lang, `help-moderator-${lang}`, contexts);
    makeModerator(moderatorEmail);
    await moderator.goto(`/${lang}/help/requests/${id}`);
    await hydrated(moderator, testInfo);
    await expect(moderator.locator(".help-needs")).toContainText(t.description);
    await expect(moderator.locator("body")).not.toContainText("8 701 555 12 34");
    await submit(moderator, t.verify);
    await expect(moderator.locator(".notice--success")).toBeVisible();

    // A volunteer finds it in their queue and takes it; only now do the contacts show.
    const { page: helper } = await person(browser, testInfo, lang, `help-volunteer-${lang}`, contexts);
    await helper.setViewportSize({ width: 390, height: 844 });
    await helper.goto(`/${lang}/help/queue?region=${t.region}`);
    await hydrated(helper, testInfo);
    await expect(helper.locator(`.help-queue__section a[href$="/help/requests/${id}"]`)).toBeVisible();
    await snap(helper, testInfo, `help-${lang}-4-queue`);
    await helper.goto(`/${lang}/help/requests/${id}`);
    await hydrated(helper, testInfo);
    await expect(helper.locator(".help-contacts")).toHaveCount(0);
    await submit(helper, t.take);
    await expect(helper.locator(".help-contacts")).toContainText("Серік Жұмабаев");
    await expect(helper.locator(".help-contacts")).toContainText("+7 701 555 12 34");
    await submit(helper, t.start);
    await expect(helper.locator(".notice--success")).toBeVisible();
    await submit(helper, t.deliver);
    await expect(helper.locator(".notice--success")).toBeVisible();
    // A wrong code is refused beside its field; the person's code confirms.
    await helper.locator("#field-code").fill(code === "000000" ? "111111" : "000000");
    await submit(helper, t.confirm);
    await expect(helper.locator("#error-code")).toContainText(t.codeWrong);
    await helper.locator("#field-code").fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await snap(helper, testInfo, `help-${lang}-5-deliver`);
    await submit(helper, t.confirm);
    await expect(helper.locator(".facts .status")).toHaveText(t.confirmed);
    await expect(helper.locator(".timeline li")).toHaveCount(6);
    await snap(helper, testInfo, `help-${lang}-6-confirmed`);

    // The person sees it on their page, and the figures moved.
    await page.goto(followLink);
    await expect(page.locator(".facts .status")).toHaveText(t.confirmed);
    expect(await figure(page, lang, t.region, "transparency_delivered")).toBe(deliveredBefore + 1);
    expect(await figure(page, lang, t.region, "transparency_confirmed")).toBe(confirmedBefore + 1);
    await snap(page, testInfo, `transparency-${lang}`);
  });
}

test("the transparency page draws its charts on the server and links its downloads", async ({ page }, testInfo) => {
  await page.goto("/ru/transparency");
  await expect(page.locator("svg.chart")).toHaveCount(5);
  await expect(page.locator("table.data-table")).toHaveCount(5);
  const csv = await page.request.get("/api/v1/transparency.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("requests,all,filed,");
  const ledger = await (await page.request.get("/api/v1/help/ledger?limit=5")).json();
  expect(ledger.entries).toHaveLength(5);
  // Filtering by region keeps the filter in the address and in the downloads.
  await page.locator("#t-region").selectOption("KZ-75");
  await page.getByRole("button", { name: "Показать", exact: true }).click();
  await expect(page).toHaveURL(/region=KZ-75/);
  await expect(page.locator('a[href="/api/v1/transparency.csv?region=KZ-75"]')).toBeVisible();
  await hydrated(page, testInfo);
  await snap(page, testInfo, "transparency-ru-almaty");
});
