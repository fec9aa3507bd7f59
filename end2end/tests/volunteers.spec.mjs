import { test } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, hydrated, snap, withJs } from "./helpers.mjs";

const OUTBOX = process.env.BIRGEMIZ_E2E_OUTBOX;
const PASSWORD = "жасыл алма бақта";

/** Every test is its own client address, so that sign-up limits count per test. */
test.beforeEach(async ({ page }) => {
  const part = () => 1 + Math.floor(Math.random() * 250);
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${part()}.${part()}.${part()}` });
});

function uniqueEmail(testInfo, tag) {
  return `${tag}-${testInfo.project.name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.kz`;
}

/** The text of a mail file (.eml), decoded from base64 or quoted-printable. */
function mailText(eml) {
  const [head, ...rest] = eml.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** The one-time link in the last mail to `email`, read from the outbox folder. */
async function linkFromMail(email) {
  expect(OUTBOX, "BIRGEMIZ_E2E_OUTBOX names the server's outbox").toBeTruthy();
  let link;
  await expect
    .poll(
      () => {
        const files = readdirSync(OUTBOX).filter((f) => f.endsWith(`-${email}.eml`)).sort();
        if (!files.length) return null;
        const text = mailText(readFileSync(join(OUTBOX, files[files.length - 1]), "utf8"));
        link = text.match(/https?:\/\/\S+token=[0-9a-f]{64}/)?.[0] ?? null;
        return link;
      },
      { timeout: 15_000 },
    )
    .not.toBeNull();
  return new URL(link).pathname + new URL(link).search;
}

async function submit(page, name) {
  await page.getByRole("button", { name, exact: true }).click();
}

const TEXT = {
  kk: { next: "Әрі қарай", finish: "Тіркелуді аяқтау", back: "Артқа", title: "Волонтер болу", consentError: "Келісетініңізді белгілеңіз.", done: "Біргемізге қош келдіңіз!", verify: "Мекенжайымды растау", verified: "мекенжайыңыз расталды", phoneError: "Қазақстан нөмірін жазыңыз" },
  ru: { next: "Далее", finish: "Завершить регистрацию", back: "Назад", title: "Стать волонтёром", consentError: "Отметьте, что вы согласны.", done: "Добро пожаловать в Birgemiz!", verify: "Подтвердить адрес", verified: "адрес подтверждён", phoneError: "Введите казахстанский номер" },
  en: { next: "Continue", finish: "Finish signup", back: "Back", title: "Become a volunteer", consentError: "Tick the box to agree.", done: "Welcome to Birgemiz!", verify: "Confirm my address", verified: "your address is confirmed", phoneError: "Enter a Kazakhstan number" },
};

/** Goes through the four steps; `shots` names screenshots when given. */
async function signUp(page, testInfo, lang, email, { birth = "2001-05-17", shots = null, checkErrors = false, alreadyThere = false } = {}) {
  const t = TEXT[lang];
  const shot = async (name) => shots && (await snap(page, testInfo, `${shots}-${name}`));
  if (!alreadyThere) await page.goto(`/${lang}/signup`);
  await hydrated(page, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.title);
  await shot("1-account");
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(PASSWORD);
  await submit(page, t.next);
  await expect(page).toHaveURL(new RegExp(`/${lang}/signup/about`));
  await hydrated(page, testInfo);
  await page.locator("#field-full_name").fill("Әйгерім Нұрланқызы");
  await page.locator("#field-phone").fill(checkErrors ? "12345" : "8 701 123 45 67");
  await page.locator("#field-birth_date").fill(birth);
  await page.locator("#field-region").selectOption("KZ-75");
  await page.locator("#field-locality").fill("Алматы");
  await page.locator('input[name="languages"][value="kk"]').check();
  await page.locator('input[name="languages"][value="ru"]').check();
  if (checkErrors) {
    await submit(page, t.next);
    await expect(page.locator("#error-phone")).toContainText(t.phoneError);
    await expect(page.locator(".form-summary")).toBeVisible();
    await expect(page.locator("#field-full_name")).toHaveValue("Әйгерім Нұрланқызы");
    await shot("2-about-error");
    await page.locator("#field-phone").fill("8 701 123 45 67");
  }
  await shot("2-about");
  await submit(page, t.next);
  await expect(page).toHaveURL(new RegExp(`/${lang}/signup/interests`));
  await page.locator('input[name="directions"][value="qamqor"]').check();
  await page.locator('input[name="directions"][value="bilim"]').check();
  await page.locator("#field-skills").fill("Жүргізуші куәлігі, алғашқы көмек");
  await page.locator('input[name="availability"][value="weekends"]').check();
  await shot("3-interests");
  await submit(page, t.next);
  await expect(page).toHaveURL(new RegExp(`/${lang}/signup/consent`));
  if (checkErrors) {
    // Back keeps what was entered.
    await page.getByRole("link", { name: t.back }).click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/signup/interests`));
    await expect(page.locator('input[name="directions"][value="bilim"]')).toBeChecked();
    await expect(page.locator("#field-skills")).toHaveValue("Жүргізуші куәлігі, алғашқы көмек");
    await submit(page, t.next);
    await expect(page).toHaveURL(new RegExp(`/${lang}/signup/consent`));
    await submit(page, t.finish);
    await expect(page.locator("#error-agree")).toHaveText(t.consentError);
  }
  await shot("4-consent");
  await page.locator('input[name="agree"]').check();
  return t;
}

async function finishSignUp(page, lang) {
  await submit(page, TEXT[lang].finish);
  await expect(page).toHaveURL(new RegExp(`/${lang}/signup/done`));
  await expect(page.getByRole("heading", { name: TEXT[lang].done })).toBeVisible();
}

async function verifyAddress(page, testInfo, lang, email) {
  await page.goto(await linkFromMail(email));
  await hydrated(page, testInfo);
  await submit(page, TEXT[lang].verify);
  await expect(page.locator(".notice--success")).toContainText(TEXT[lang].verified);
}

for (const lang of ["kk", "ru", "en"]) {
  test(`a volunteer signs up in ${lang}, fixes mistakes, goes back, and confirms the address`, async ({ page }, testInfo) => {
    const email = uniqueEmail(testInfo, `signup-${lang}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await signUp(page, testInfo, lang, email, { shots: `signup-${lang}`, checkErrors: true });
    await finishSignUp(page, lang);
    await snap(page, testInfo, `signup-${lang}-5-done`);
    await verifyAddress(page, testInfo, lang, email);
    await snap(page, testInfo, `signup-${lang}-6-verified`);
    await page.goto(`/${lang}/me`);
    await expect(page.locator("#field-full_name")).toHaveValue("Әйгерім Нұрланқызы");
    await expect(page.locator("#field-phone")).toHaveValue("+7 701 123 45 67");
    await snap(page, testInfo, `me-${lang}`);
  });
}

test("a minor's signup asks for a guardian's consent", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, "minor");
  const year = new Date().getFullYear() - 14;
  await signUp(page, testInfo, "ru", email, { birth: `${year}-03-01` });
  await expect(page.getByRole("group", { name: "Согласие родителя или законного представителя" })).toBeVisible();
  await submit(page, TEXT.ru.finish);
  await expect(page.locator("#error-guardian_name")).toHaveText("Заполните это поле.");
  await page.locator("#field-guardian_name").fill("Нұрлан Сейітұлы");
  await page.locator("#field-guardian_contact").fill("+7 702 555 44 33");
  await page.locator('input[name="guardian_agree"]').check();
  await snap(page, testInfo, "signup-ru-minor-consent");
  await finishSignUp(page, "ru");
});

test("a signup resumes where it stopped after signing in again", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, "resume");
  await page.goto("/en/signup");
  await hydrated(page, testInfo);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(PASSWORD);
  await submit(page, "Continue");
  await expect(page).toHaveURL(/\/en\/signup\/about/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/en$/);
  await page.goto("/en/login");
  await hydrated(page, testInfo);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill("a wrong password");
  await submit(page, "Sign in");
  await expect(page.locator(".form-summary")).toContainText("The email address or the password is wrong.");
  await page.locator("#field-password").fill(PASSWORD);
  await submit(page, "Sign in");
  await expect(page).toHaveURL(/\/en\/signup\/about/);
});

test("a forgotten password is reset through the mailed link", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, "reset");
  await signUp(page, testInfo, "kk", email);
  await finishSignUp(page, "kk");
  await page.getByRole("button", { name: "Шығу" }).click();
  await page.goto("/kk/password/forgot");
  await hydrated(page, testInfo);
  await page.locator("#field-email").fill(email);
  await submit(page, "Сілтемені жіберу");
  await expect(page.locator(".notice--success")).toContainText("сілтемесі бар хат жіберілді");
  await page.goto(await linkFromMail(email));
  await hydrated(page, testInfo);
  await page.locator("#field-password").fill("жаңа берік құпиясөз");
  await snap(page, testInfo, "reset-kk");
  await submit(page, "Жаңа құпиясөзді сақтау");
  await expect(page).toHaveURL(/\/kk\/me\?password_changed=1/);
  await expect(page.locator(".notice--success")).toContainText("Құпиясөз өзгертілді");
});

/** Open campaigns with exactly `free` places, for anyone of any age. */
async function campaignsWithFreePlaces(request, free) {
  let url = "/api/v1/campaigns?limit=100";
  const found = [];
  while (url && found.length < 4) {
    const page = await (await request.get(url)).json();
    found.push(...page.items.filter((c) => c.spots_left === free && !c.min_age).map((c) => c.id));
    url = page.next;
  }
  return found;
}

test("applying takes the last place, the next applicant waits, and a cancellation moves them up", async ({ browser, request }, testInfo) => {
  const ids = await campaignsWithFreePlaces(request, 1);
  // The two projects run at once: each takes its own campaign.
  const id = ids[withJs(testInfo) ? 0 : 1];
  expect(id, "the demo data have campaigns with one place left").toBeTruthy();
  const people = [];
  for (const who of ["first", "second"]) {
    const context = await browser.newContext({ javaScriptEnabled: withJs(testInfo) });
    const page = await context.newPage();
    const part = () => 1 + Math.floor(Math.random() * 250);
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${part()}.${part()}.${part()}` });
    const email = uniqueEmail(testInfo, `apply-${who}`);
    // A visitor is sent to sign up and comes back to the campaign afterwards.
    await page.goto(`/en/campaigns/${id}`);
    await hydrated(page, testInfo);
    await expect(page.locator("#apply")).toContainText("Sign in or sign up to apply");
    await page.locator("#apply").getByRole("link", { name: "Sign up" }).click();
    await expect(page).toHaveURL(/\/en\/signup\?next=/);
    await signUp(page, testInfo, "en", email, { alreadyThere: true });
    await finishSignUp(page, "en");
    await page.getByRole("link", { name: "Back to the campaign" }).click();
    await expect(page).toHaveURL(new RegExp(`/en/campaigns/${id}`));
    await expect(page.locator("#apply")).toContainText("Confirm your email address to apply");
    await verifyAddress(page, testInfo, "en", email);
    await page.goto(`/en/campaigns/${id}`);
    await hydrated(page, testInfo);
    people.push(page);
  }
  const [first, second] = people;
  await submit(first, "Apply");
  await expect(first.locator("#apply .notice--success")).toHaveText("Your application is sent. The organisers will be in touch.");
  await expect(first.locator("#apply .status")).toHaveText("Applied: waiting for the organisers");
  await snap(first, testInfo, "apply-en-applied");

  await second.reload();
  await hydrated(second, testInfo);
  await expect(second.locator("#apply")).toContainText("All places are taken.");
  await submit(second, "Join the waiting list");
  await expect(second.locator("#apply .status")).toHaveText("On the waiting list, number 1");
  await snap(second, testInfo, "apply-en-waitlisted");

  await submit(first, "Withdraw my application");
  await expect(first.locator("#apply .notice--success")).toHaveText("Your application is withdrawn.");
  await second.reload();
  await expect(second.locator("#apply .status")).toHaveText("Applied: waiting for the organisers");
  await second.goto("/en/me");
  await expect(second.locator(".my-applications")).toContainText("Applied: waiting for the organisers");
  await snap(second, testInfo, "me-en-applications");
});
