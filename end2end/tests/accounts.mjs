// Accounts in the browser tests: signing up through the four steps, reading the mailed
// one-time links from the server's outbox folder.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, hydrated, snap, withJs } from "./helpers.mjs";

const OUTBOX = process.env.BIRGEMIZ_E2E_OUTBOX;
export const PASSWORD = "жасыл алма бақта";

/** Gives the page a client address of its own, so that sign-up limits count per test. */
export async function freshAddress(page) {
  const part = () => 1 + Math.floor(Math.random() * 250);
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${part()}.${part()}.${part()}` });
}

export function uniqueEmail(testInfo, tag) {
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
/** The link in the newest mail to `email`; with `path`, waits for a mail whose link goes there
 * (mail is written a moment after the page answers, so an older mail may still be the newest). */
export async function linkFromMail(email, path = null) {
  expect(OUTBOX, "BIRGEMIZ_E2E_OUTBOX names the server's outbox").toBeTruthy();
  let link;
  await expect
    .poll(
      () => {
        const files = readdirSync(OUTBOX).filter((f) => f.endsWith(`-${email}.eml`)).sort();
        if (!files.length) return null;
        const text = mailText(readFileSync(join(OUTBOX, files[files.length - 1]), "utf8"));
        link = text.match(/https?:\/\/\S+token=[0-9a-f]{64}/)?.[0] ?? null;
        if (link && path && !new URL(link).pathname.endsWith(path)) link = null;
        return link;
      },
      { timeout: 15_000 },
    )
    .not.toBeNull();
  return new URL(link).pathname + new URL(link).search;
}

export async function submit(page, name) {
  await page.getByRole("button", { name, exact: true }).click();
}

export const TEXT = {
  kk: { sent: "Поштаңызды тексеріңіз", confirm: "Растау және жалғастыру", next: "Әрі қарай", finish: "Тіркелуді аяқтау", back: "Артқа", title: "Волонтер болу", consentError: "Келісетініңізді белгілеңіз.", done: "Біргемізге қош келдіңіз!", phoneError: "Қазақстан нөмірін жазыңыз" },
  ru: { sent: "Проверьте почту", confirm: "Подтвердить и продолжить", next: "Далее", finish: "Завершить регистрацию", back: "Назад", title: "Стать волонтёром", consentError: "Отметьте, что вы согласны.", done: "Добро пожаловать в Birgemiz!", phoneError: "Введите казахстанский номер" },
  en: { sent: "Check your mail", confirm: "Confirm and continue", next: "Continue", finish: "Finish signup", back: "Back", title: "Become a volunteer", consentError: "Tick the box to agree.", done: "Welcome to Birgemiz!", phoneError: "Enter a Kazakhstan number" },
};

/** Goes through the four steps; `shots` names screenshots when given. */
export async function signUp(page, testInfo, lang, email, { birth = "2001-05-17", shots = null, checkErrors = false, alreadyThere = false } = {}) {
  const t = TEXT[lang];
  const shot = async (name) => shots && (await snap(page, testInfo, `${shots}-${name}`));
  if (!alreadyThere) await page.goto(`/${lang}/signup`);
  await hydrated(page, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.title);
  await shot("1-account");
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(PASSWORD);
  await submit(page, t.next);
  // The account is made once the address is confirmed by the mailed link.
  await expect(page).toHaveURL(new RegExp(`/${lang}/signup\\?sent=1`));
  await expect(page.locator(".notice--success")).toContainText(t.sent);
  await shot("1-sent");
  await page.goto(await linkFromMail(email, "/signup/confirm"));
  await hydrated(page, testInfo);
  await submit(page, t.confirm);
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

export async function finishSignUp(page, lang) {
  await submit(page, TEXT[lang].finish);
  await expect(page).toHaveURL(new RegExp(`/${lang}/signup/done`));
  await expect(page.getByRole("heading", { name: TEXT[lang].done })).toBeVisible();
}

/** A signed-up person with a confirmed address, in a window of their own (closed by the spec's
 * afterEach through `contexts`). */
export async function person(browser, testInfo, lang, tag, contexts) {
  const context = await browser.newContext({ javaScriptEnabled: withJs(testInfo) });
  contexts.push(context);
  const page = await context.newPage();
  await freshAddress(page);
  const email = uniqueEmail(testInfo, tag);
  await signUp(page, testInfo, lang, email);
  await finishSignUp(page, lang);
  return { page, email };
}

/** Makes a moderator with the platform's own command, on the test server's database. */
export function makeModerator(email) {
  const database = process.env.BIRGEMIZ_E2E_DATABASE;
  expect(database, "BIRGEMIZ_E2E_DATABASE names the test server's database").toBeTruthy();
  execFileSync("../target/debug/birgemiz", ["make-moderator", email], { env: { ...process.env, BIRGEMIZ_DATABASE_URL: database } });
}
