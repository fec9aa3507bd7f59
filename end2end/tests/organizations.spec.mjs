import { test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { expect, hydrated, snap } from "./helpers.mjs";
import { finishSignUp, freshAddress, signUp, submit, uniqueEmail, verifyAddress } from "./accounts.mjs";

test.beforeEach(async ({ page }) => freshAddress(page));

const TEXT = {
  kk: { register: "Ұйымды тіркеу", awaiting: "Тексеруді күтуде", verified: "Тексерілген", verify: "Растау", save: "Профильді сақтау", saved: "Профиль сақталды.", missing: "Толтырылмаған", show: "Көрсету" },
  ru: { register: "Зарегистрировать организацию", awaiting: "Ожидает проверки", verified: "Проверена", verify: "Подтвердить", save: "Сохранить профиль", saved: "Профиль сохранён.", missing: "Не заполнено", show: "Показать" },
  en: { register: "Register the organisation", awaiting: "Awaiting verification", verified: "Verified", verify: "Verify", save: "Save the profile", saved: "The profile is saved.", missing: "Not filled in", show: "Show" },
};

/** A BIN with a valid check digit, different in every run (the platform refuses a BIN twice). */
function freshBin() {
  for (;;) {
    const start = `1901${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
    const digits = [...start].map(Number);
    const sum = (weights) => digits.reduce((s, d, i) => s + d * weights[i], 0) % 11;
    let check = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if (check === 10) check = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    if (check !== 10) return start + check;
  }
}

/** A signed-up person with a confirmed address, in a page of their own. */
async function person(browser, testInfo, lang, tag) {
  const context = await browser.newContext({ javaScriptEnabled: testInfo.project.name === "js" });
  const page = await context.newPage();
  await freshAddress(page);
  const email = uniqueEmail(testInfo, tag);
  await signUp(page, testInfo, lang, email);
  await finishSignUp(page, lang);
  await verifyAddress(page, testInfo, lang, email);
  return { page, email };
}

/** Makes a moderator with the platform's own command, on the test server's database. */
function makeModerator(email) {
  const database = process.env.BIRGEMIZ_E2E_DATABASE;
  expect(database, "BIRGEMIZ_E2E_DATABASE names the test server's database").toBeTruthy();
  execFileSync("../target/debug/birgemiz", ["make-moderator", email], { env: { ...process.env, BIRGEMIZ_DATABASE_URL: database } });
}

for (const lang of ["kk", "ru", "en"]) {
  test(`an organisation registers in ${lang}, waits, is verified by a moderator and edits its profile`, async ({ browser }, testInfo) => {
    const t = TEXT[lang];
    const name = `Жасыл Ел ${testInfo.project.name} ${Date.now()}`;
    const { page: owner } = await person(browser, testInfo, lang, `owner-${lang}`);
    await owner.setViewportSize({ width: 390, height: 844 });

    // Registration: bad input comes back beside its field, nothing is lost.
    await owner.goto(`/${lang}/organizations/new`);
    await hydrated(owner, testInfo);
    await owner.locator("#field-name_kk").fill(name);
    await owner.locator("#field-description_kk").fill("Ағаш отырғызамыз және саябақтарды тазалаймыз.");
    await owner.locator("#field-kind").selectOption("public_association");
    await owner.locator("#field-bin").fill("123456789012");
    await owner.locator('input[name="regions"][value="KZ-75"]').check();
    await owner.locator('input[name="directions"][value="taza-alem"]').check();
    await owner.locator("#field-phone").fill("8 727 123 45 67");
    await owner.locator("#field-email").fill("info@zhasyl.kz");
    await owner.locator("#field-website").fill("https://zhasyl.kz");
    await submit(owner, t.register);
    await expect(owner.locator("#error-bin")).toBeVisible();
    await expect(owner.locator("#field-name_kk")).toHaveValue(name);
    await snap(owner, testInfo, `organization-${lang}-register-error`);
    await owner.locator("#field-bin").fill(freshBin());
    await submit(owner, t.register);
    await expect(owner).toHaveURL(new RegExp(`/${lang}/organizations/[a-z0-9-]+\\?registered=1`));
    await expect(owner.locator(".badge--pending")).toHaveText(t.awaiting);
    await snap(owner, testInfo, `organization-${lang}-awaiting`);
    const profile = new URL(owner.url()).pathname;

    // A moderator verifies it from the moderation page; the decision is in the audit log.
    const { page: moderator, email: moderatorEmail } = await person(browser, testInfo, lang, `moderator-${lang}`);
    makeModerator(moderatorEmail);
    await moderator.goto(`/${lang}/moderation`);
    await hydrated(moderator, testInfo);
    const entry = moderator.locator(".organization-card", { hasText: name });
    await entry.getByRole("button", { name: t.verify, exact: true }).click();
    await expect(moderator.locator(".notice--success")).toBeVisible();
    await expect(moderator.locator(".data-table")).toContainText(profile.split("/").pop());
    await snap(moderator, testInfo, `moderation-${lang}`);

    // Verified: the badge shows; the owner fills in the missing languages side by side.
    await owner.goto(profile);
    await expect(owner.locator(".badge--verified")).toContainText(t.verified);
    await owner.goto(`${profile}/edit`);
    await hydrated(owner, testInfo);
    await expect(owner.locator(".languages").first().locator(".missing")).toHaveCount(2);
    await expect(owner.locator(".missing").first()).toHaveText(t.missing);
    await owner.locator("#field-name_en").fill("Green Country");
    await owner.locator("#field-description_ru").fill("Сажаем деревья и убираем парки.");
    await submit(owner, t.save);
    await expect(owner.locator(".notice--success")).toHaveText(t.saved);
    await expect(owner.locator("#field-name_en")).toHaveValue("Green Country");
    await snap(owner, testInfo, `organization-${lang}-editor`);

    // The directory finds it by name.
    await owner.goto(`/${lang}/organizations`);
    await hydrated(owner, testInfo);
    await owner.locator("#org-q").fill(name);
    await owner.getByRole("button", { name: t.show, exact: true }).click();
    await expect(owner.locator(".organization-list > li")).toHaveCount(1);
    await snap(owner, testInfo, `organizations-${lang}-search`);
  });
}
