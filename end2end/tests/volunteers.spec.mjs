import { test } from "@playwright/test";
import { expect, hydrated, snap, withJs } from "./helpers.mjs";
import { finishSignUp, freshAddress, linkFromMail, PASSWORD, signUp, submit, TEXT, uniqueEmail } from "./accounts.mjs";

test.beforeEach(async ({ page }) => freshAddress(page));


for (const lang of ["kk", "ru", "en"]) {
  test(`a volunteer confirms the address, signs up in ${lang}, fixes mistakes and goes back`, async ({ page }, testInfo) => {
    const email = uniqueEmail(testInfo, `signup-${lang}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await signUp(page, testInfo, lang, email, { shots: `signup-${lang}`, checkErrors: true });
    await finishSignUp(page, lang);
    await snap(page, testInfo, `signup-${lang}-5-done`);
    await page.goto(`/${lang}/me`);
    await expect(page.locator("#field-full_name")).toHaveValue("Әйгерім Нұрланқызы");
    await expect(page.locator("#field-phone")).toHaveValue("+7 701 123 45 67");
    await snap(page, testInfo, `me-${lang}`);
  });
}

test("a minor's signup asks a guardian, who confirms by the mailed link", async ({ page, browser }, testInfo) => {
  const email = uniqueEmail(testInfo, "minor");
  const guardianEmail = uniqueEmail(testInfo, "guardian");
  const year = new Date().getFullYear() - 14;
  await signUp(page, testInfo, "ru", email, { birth: `${year}-03-01` });
  await expect(page.getByRole("group", { name: "Согласие родителя или законного представителя" })).toBeVisible();
  await submit(page, TEXT.ru.finish);
  await expect(page.locator("#error-guardian_name")).toHaveText("Заполните это поле.");
  // The summary names each field, so that two alike messages say where each one is.
  const summary = page.locator(".form-summary");
  await expect(summary.getByRole("link", { name: "ФИО родителя или законного представителя: Заполните это поле." })).toHaveAttribute("href", "#field-guardian_name");
  await expect(summary.getByRole("link", { name: "Почта родителя или законного представителя: Заполните это поле." })).toHaveAttribute("href", "#field-guardian_contact");
  await page.locator("#field-guardian_name").fill("Нұрлан Сейітұлы");
  // Their own address is refused: the consent must come from the guardian.
  await page.locator("#field-guardian_contact").fill(email);
  await submit(page, TEXT.ru.finish);
  await expect(page.locator("#error-guardian_contact")).toContainText("Это ваш собственный адрес");
  await page.locator("#field-guardian_contact").fill(guardianEmail);
  await snap(page, testInfo, "signup-ru-minor-consent");
  await finishSignUp(page, "ru");
  await page.goto("/ru/me");
  await expect(page.locator("#guardian")).toContainText(`Мы отправили ссылку на ${guardianEmail}`);

  // The guardian, in a browser of their own, reads what the child signed up for and agrees.
  const context = await browser.newContext({ javaScriptEnabled: withJs(testInfo) });
  const guardian = await context.newPage();
  await guardian.goto(await linkFromMail(guardianEmail, "/guardian"));
  await expect(guardian.getByRole("heading", { level: 1 })).toHaveText("Согласие на участие юного волонтёра");
  await expect(guardian.locator("dl.facts")).toContainText("Әйгерім Нұрланқызы");
  await expect(guardian.locator(".consent-text")).toBeVisible();
  await snap(guardian, testInfo, "guardian-ru-page");
  await hydrated(guardian, testInfo);
  await guardian.getByRole("button", { name: "Я согласен(на)" }).click();
  await expect(guardian.locator(".notice--success")).toContainText("согласие записано");
  await expect(guardian.getByRole("button", { name: "Отозвать согласие" })).toBeVisible();
  await snap(guardian, testInfo, "guardian-ru-confirmed");
  await context.close();

  await page.reload();
  await expect(page.locator("#guardian")).toContainText(`(${guardianEmail}) дал согласие`);
});

test("a signup resumes where it stopped after signing in again", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, "resume");
  await page.goto("/en/signup");
  await hydrated(page, testInfo);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(PASSWORD);
  await submit(page, "Continue");
  await expect(page).toHaveURL(/\/en\/signup\?sent=1/);
  await page.goto(await linkFromMail(email, "/signup/confirm"));
  await hydrated(page, testInfo);
  await submit(page, "Confirm and continue");
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
  await page.goto(await linkFromMail(email, "/password/reset"));
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
  // Two people sign up, confirm their address and apply: more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  const ids = await campaignsWithFreePlaces(request, 1);
  // The two projects run at once: each takes its own campaign.
  const id = ids[withJs(testInfo) ? 0 : 1];
  expect(id, "the demo data have campaigns with one place left").toBeTruthy();
  const people = [];
  for (const who of ["first", "second"]) {
    const context = await browser.newContext({ javaScriptEnabled: withJs(testInfo) });
    const page = await context.newPage();
    await freshAddress(page);
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
