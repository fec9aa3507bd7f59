import { test } from "@playwright/test";
import { expect, hydrated, snap, withJs } from "./helpers.mjs";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { freshAddress, linkFromMail, makeModerator, person as personWith, submit } from "./accounts.mjs";

test.beforeEach(async ({ page }) => freshAddress(page));

const TEXT = {
  kk: { register: "Ұйымды тіркеу", awaiting: "Тексеруді күтуде", verified: "Тексерілген", verify: "Растау", save: "Профильді сақтау", saved: "Профиль сақталды.", missing: "Толтырылмаған", show: "Көрсету",
        publish: "Сақтау және жариялау", approve: "Мақұлдау", approved: "Мақұлданды", record: "Жазу", upload: "Логотипті жүктеу",
        checkIn: "Келгенімді белгілеу", checkedIn: "Келуіңіз белгіленді.", showOut: "Кету кодын көрсету", screenOut: "Кетуді белгілеу: кодты сканерлеңіз", sendCode: "Кодты жіберу", checkedOut: "Кетуіңіз белгіленді.",
        confirmAll: "Белгілер бойынша барлық сағатты растау", bookHours: "0,75 сағ.", fourHours: "4 сағ.", issue: "Сертификат алу", valid: "Күшінде: сағаттар көрсетілгендей расталған.", corrected: "Берілгеннен кейін сағаттар түзетілді: төменде қараңыз.", bookHow: "Орнында келу мен кету белгіленді, ұйым растады", entered: "Ұйым енгізді" },
  ru: { register: "Зарегистрировать организацию", awaiting: "Ожидает проверки", verified: "Проверена", verify: "Подтвердить", save: "Сохранить профиль", saved: "Профиль сохранён.", missing: "Не заполнено", show: "Показать",
        publish: "Сохранить и опубликовать", approve: "Одобрить", approved: "Одобрена", record: "Записать", upload: "Загрузить логотип",
        checkIn: "Отметить приход", checkedIn: "Приход отмечен.", showOut: "Показать код ухода", screenOut: "Уход: отсканируйте код", sendCode: "Отправить код", checkedOut: "Уход отмечен.",
        confirmAll: "Подтвердить все часы по отметкам", bookHours: "0,75 ч", fourHours: "4 ч", issue: "Выдать сертификат", valid: "Действителен: часы подтверждены так, как указано.", corrected: "После выдачи часы были исправлены: смотрите ниже.", bookHow: "Отметки прихода и ухода на месте, подтверждено организацией", entered: "Внесено организацией" },
  en: { register: "Register the organisation", awaiting: "Awaiting verification", verified: "Verified", verify: "Verify", save: "Save the profile", saved: "The profile is saved.", missing: "Not filled in", show: "Show",
        publish: "Save and publish", approve: "Approve", approved: "Approved", record: "Record", upload: "Upload the logo",
        checkIn: "Check in now", checkedIn: "You are checked in.", showOut: "Show the check-out code", screenOut: "Check out: scan the code", sendCode: "Send the code", checkedOut: "You are checked out.",
        confirmAll: "Confirm all hours from check-ins", bookHours: "0.75 h", fourHours: "4 h", issue: "Issue a certificate", valid: "Valid: the hours it states are confirmed as stated.", corrected: "Hours have been corrected since it was issued: see below.", bookHow: "Checked in and out on site, confirmed by the organisation", entered: "Entered by the organisation" },
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

/** Browser windows opened by a test, closed after it. */
const contexts = [];
test.afterEach(async () => {
  while (contexts.length) await contexts.pop().close();
});
const person = (browser, testInfo, lang, tag) => personWith(browser, testInfo, lang, tag, contexts);

/** The volunteer applies to the campaign and the organisation's owner approves them. */
async function applyAndApprove({ volunteer, owner, lang, campaignId, profile, t }, testInfo) {
  await volunteer.goto(`/${lang}/campaigns/${campaignId}`);
  await hydrated(volunteer, testInfo);
  await volunteer.locator("#apply button[type=submit]").click();
  await expect(volunteer.locator("#apply .status")).toBeVisible();
  await owner.goto(`${profile}/campaigns/${campaignId}/applications`);
  await hydrated(owner, testInfo);
  await owner.getByRole("button", { name: t.approve, exact: true }).click();
  await expect(owner.locator(".applicant .status")).toHaveText(t.approved);
}

/** A 48 × 48 PNG in the platform's blue. */
const LOGO_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAAQ0lEQVR42u3PIQ0AAAgAMDwZKUJ5qIBlu3iAR1bPZyEgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgcLWJdOnxZ1iPhgAAAABJRU5ErkJggg==", "base64");

for (const lang of ["kk", "ru", "en"]) {
  test(`an organisation registers in ${lang}, is verified, edits its profile, runs a campaign and credits a volunteer's hours`, async ({ browser }, testInfo) => {
    // The whole story with three people signing up takes longer than one page test.
    test.setTimeout(180_000);
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
    await owner.locator('input[name="regions"][value="KZ-75"]').check();
    await owner.locator('input[name="directions"][value="taza-alem"]').check();
    // Last: leaving a wrong BIN shows its error at once, and the page below moves.
    await owner.locator("#field-bin").fill("123456789012");
    await owner.locator("#field-phone").fill("8 727 123 45 67");
    await owner.locator("#field-email").fill("info@zhasyl.kz");
    await owner.locator("#field-website").fill("https://zhasyl.kz");
    await submit(owner, t.register);
    await expect(owner.locator("#error-bin")).toBeVisible();
    await expect(owner.locator("#field-name_kk")).toHaveValue(name);
    await snap(owner, testInfo, `organization-${lang}-register-error`);
    await owner.locator("#field-bin").fill(freshBin());
    // Leaving the field clears its error first (the form moves up), then the button is pressed.
    await owner.locator("#field-bin").press("Tab");
    await expect(owner.locator("#error-bin")).toHaveCount(withJs(testInfo) ? 0 : 1);
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
    // The fields just filled lose their "not filled in" marker (with JavaScript they kept it).
    for (const field of ["name_en", "description_ru"]) {
      await expect(owner.locator(".languages__column").filter({ has: owner.locator(`#field-${field}`) }).locator(".missing")).toHaveCount(0);
    }
    await snap(owner, testInfo, `organization-${lang}-editor`);

    // A logo: something that is not a picture is refused, a PNG is stored and shown.
    await owner.locator("#field-logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("MZ this is not a picture") });
    await owner.getByRole("button", { name: t.upload, exact: true }).click();
    await expect(owner.locator("#error-logo")).toBeVisible();
    await owner.locator("#field-logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: LOGO_PNG });
    await owner.getByRole("button", { name: t.upload, exact: true }).click();
    await expect(owner).toHaveURL(/edit\?logo=1/);
    await expect(owner.locator(".logo-form img")).toBeVisible();

    // The directory finds it by name.
    await owner.goto(`/${lang}/organizations`);
    await hydrated(owner, testInfo);
    await owner.locator("#org-q").fill(name);
    await owner.getByRole("button", { name: t.show, exact: true }).click();
    await expect(owner.locator(".organization-list > li")).toHaveCount(1);
    await snap(owner, testInfo, `organizations-${lang}-search`);

    // The organisation publishes a campaign that is under way, a volunteer applies, the owner
    // approves, marks the hours, and the volunteer sees them.
    await owner.goto(`${profile}/campaigns/new`);
    await hydrated(owner, testInfo);
    const title = `Саябақ ${testInfo.project.name} ${Date.now()}`;
    await owner.locator("#field-title_kk").fill(title);
    await owner.locator("#field-description_kk").fill("Саябақты бірге тазалаймыз.");
    await owner.locator("#field-direction").selectOption("taza-alem");
    await owner.locator("#field-region").selectOption("KZ-75");
    await owner.locator("#field-mode").selectOption("onsite");
    await owner.locator("#field-address").fill("Алматы, Горький саябағы");
    const local = (hours) => new Date(Date.now() + (5 + hours) * 3600_000).toISOString().slice(0, 16);
    await owner.locator("#field-starts_at").fill(local(-1));
    await owner.locator("#field-ends_at").fill(local(5));
    await owner.locator("#field-capacity").fill("10");
    await owner.getByRole("button", { name: t.publish, exact: true }).click();
    await expect(owner).toHaveURL(/\/campaigns\/\d+\/edit\?saved=1/);
    await snap(owner, testInfo, `campaign-${lang}-editor`);
    const campaignId = owner.url().match(/campaigns\/(\d+)\/edit/)[1];

    const { page: volunteer } = await person(browser, testInfo, lang, `helper-${lang}`);
    await applyAndApprove({ volunteer, owner, lang, campaignId, profile, t }, testInfo);
    await snap(volunteer, testInfo, `campaign-${lang}-approved`);

    // On site: the owner's phone shows the check-in screen; the volunteer's phone scans its QR
    // code, which opens a page of the platform, and presses its one button.
    await volunteer.setViewportSize({ width: 390, height: 844 });
    await owner.goto(`${profile}/campaigns/${campaignId}/check-in`);
    await hydrated(owner, testInfo);
    // Without JavaScript the screen reloads itself when its code changes: a read that meets the
    // reload is tried again.
    const settled = async (read) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await read();
        } catch (error) {
          if (attempt === 3) throw error;
          await owner.waitForLoadState();
        }
      }
    };
    const shownCode = () => settled(async () => (await owner.locator(".check-in-screen__code strong").innerText({ timeout: 5_000 })).replace(/\s/g, ""));
    const scanned = () => settled(async () => {
      const shot = PNG.sync.read(await owner.locator(".check-in-screen__qr").screenshot({ timeout: 5_000 }));
      const read = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
      expect(read, "the QR code can be read").not.toBeNull();
      return new URL(read.data);
    });
    if (lang === "en") {
      // The code changes every 30 seconds: with JavaScript the page fetches the next one,
      // without it the page reloads itself.
      const before = await shownCode();
      await expect.poll(shownCode, { timeout: 45_000 }).not.toBe(before);
    }
    const address = await scanned();
    expect(address.pathname).toBe(`/${lang}/campaigns/${campaignId}/attendance`);
    expect([await shownCode(), (await scanned()).searchParams.get("code")]).toContain(address.searchParams.get("code"));
    await snap(owner, testInfo, `check-in-${lang}-screen`);
    await volunteer.goto(address.pathname + address.search);
    await hydrated(volunteer, testInfo);
    await snap(volunteer, testInfo, `check-in-${lang}-phone`);
    await volunteer.getByRole("button", { name: t.checkIn, exact: true }).click();
    await expect(volunteer).toHaveURL(new RegExp(`/campaigns/${campaignId}\\?checked_in=1`));
    await expect(volunteer.locator("#apply .notice--success")).toContainText(t.checkedIn);

    // 50 minutes pass (the check-in is moved back: the clock cannot be), then the volunteer
    // types the check-out code on the campaign's page.
    execFileSync("python3", ["-c", [
      "import sqlite3, sys, datetime",
      "db = sqlite3.connect(sys.argv[1], timeout=30)",
      "at = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=50)).isoformat()",
      "db.execute(\"UPDATE attendance_marks SET at = ? WHERE kind = 'in' AND application_id IN (SELECT id FROM applications WHERE campaign_id = ?)\", (at, int(sys.argv[2])))",
      "db.commit()",
    ].join("\n"), process.env.BIRGEMIZ_E2E_DATABASE.replace(/^sqlite:\/\//, ""), campaignId]);
    await owner.getByRole("link", { name: t.showOut, exact: true }).click();
    await expect(owner).toHaveURL(/check-in\?mode=out/);
    await expect(owner.getByRole("heading", { level: 1 })).toHaveText(t.screenOut);
    await volunteer.locator(".check-in-box input[name=attendance_code]").fill(await shownCode());
    await volunteer.getByRole("button", { name: t.sendCode, exact: true }).click();
    await expect(volunteer.locator("#apply .notice--success")).toContainText(t.checkedOut);
    await snap(volunteer, testInfo, `check-in-${lang}-checked-out`);

    // The owner confirms the hours from check-in; they reach the volunteer's book.
    await owner.goto(`${profile}/campaigns/${campaignId}/applications`);
    await hydrated(owner, testInfo);
    await expect(owner.locator(".checked-times")).toContainText(t.bookHours);
    await owner.getByRole("button", { name: t.confirmAll, exact: true }).click();
    await expect(owner).toHaveURL(/confirmed=1/);
    await volunteer.goto(`/${lang}/me/book`);
    await expect(volunteer.locator(".figures dd").first()).toHaveText(t.bookHours);
    await expect(volunteer.locator(".book-entry")).toContainText(t.bookHow);
    await expect(volunteer.locator(".book-entry")).toContainText(title);
    await snap(volunteer, testInfo, `book-${lang}`);

    // A certificate of the book, in the page's language: its page and its PDF, which anyone can check.
    await hydrated(volunteer, testInfo);
    await volunteer.getByRole("button", { name: t.issue, exact: true }).click();
    await expect(volunteer).toHaveURL(new RegExp(`/${lang}/certificates/[0-9A-Z]{12}\\?issued=1`));
    await expect(volunteer.locator(".certificate-status")).toHaveText(t.valid);
    await snap(volunteer, testInfo, `certificate-${lang}`);
    const certificate = new URL(volunteer.url()).pathname;
    const pdf = await volunteer.request.get(`/certificates/${certificate.split("/").pop()}/pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const pdfPath = `screenshots/${testInfo.project.name}/certificate-${lang}.pdf`;
    mkdirSync(dirname(pdfPath), { recursive: true });
    writeFileSync(pdfPath, await pdf.body());
    // Drawn as a picture to look at (poppler-utils, installed by .ci/setup --tests).
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", pdfPath, pdfPath.replace(/\.pdf$/, "")]);

    // The owner corrects the hours by hand: a reason is asked for, then the book says so.
    await owner.locator('input[name="attended"][value="yes"]').check();
    await owner.locator(".attendance input[name=hours]").fill("4");
    await owner.getByRole("button", { name: t.record, exact: true }).click();
    await expect(owner.locator(".attendance .field__error")).toBeVisible();
    await owner.locator(".attendance input[name=reason]").fill("Жүк тиеуге қалды");
    await owner.getByRole("button", { name: t.record, exact: true }).click();
    // The page reloads once the hours are stored (the field shows what was typed before that).
    await expect(owner).toHaveURL(/recorded=1/);
    await expect(owner.locator(".attendance input[name=hours]")).toHaveValue("4");
    await snap(owner, testInfo, `campaign-${lang}-applications`);
    await volunteer.goto(`/${lang}/me/book`);
    await expect(volunteer.locator(".book-entry")).toContainText(t.entered);
    // The certificate still states what it stated, and says the hours were corrected since.
    const stranger = await browser.newContext({ javaScriptEnabled: withJs(testInfo) });
    contexts.push(stranger);
    const checker = await stranger.newPage();
    await checker.goto(certificate);
    await expect(checker.locator(".certificate-status")).toHaveText(t.corrected);
    await snap(checker, testInfo, `certificate-${lang}-corrected`);
    // The organisation's hours page lists them by campaign.
    await owner.goto(`${profile}/hours`);
    await expect(owner.locator(".org-hours", { hasText: title })).toContainText(t.fourHours);
    await snap(owner, testInfo, `organization-${lang}-hours`);

    await volunteer.goto(`/${lang}/me`);
    await expect(volunteer.locator(".figures dd").first()).toHaveText("4");
    await owner.goto(profile);
    await expect(owner.locator(".figures dd").nth(1)).toHaveText("4");
  });
}

const ONLINE = {
  kk: { withdrawn: "Сессия қайтарып алынды. Оны растау сілтемесін жіберген болсаңыз, сілтеме енді жұмыс істемейді.", record: "Сессияны жазу", recordedAsked: "Сессия жазылды, ал сіз көмектескен адамға растау сілтемесі жіберілді.", recorded: "Сессия жазылды. Ұйымдастырушылар растағанда, ол есептеледі.",
        yes: "Иә, өтті", thanks: "Рақмет! Сессия расталды.", confirm: "Растау", saved: "Сессия сақталды, волонтердің сағаттары жаңартылды.", hours: "2,5 сағ.", how: "Онлайн сессиялар, әрқайсысын ұйым немесе көмек алған адам растаған", byHelped: "көмек алған адам растады" },
  ru: { withdrawn: "Сессия отозвана. Если вы отправили ссылку для её подтверждения, ссылка больше не работает.", record: "Записать сессию", recordedAsked: "Сессия записана, а человеку, которому вы помогли, отправлена ссылка для подтверждения.", recorded: "Сессия записана. Она засчитается, когда её подтвердят организаторы.",
        yes: "Да, состоялась", thanks: "Спасибо! Сессия подтверждена.", confirm: "Подтвердить", saved: "Сессия сохранена, часы волонтёра обновлены.", hours: "2,5 ч", how: "Онлайн-сессии, каждую подтвердила организация или тот, кому помогли", byHelped: "подтверждена тем, кому помогли" },
  en: { withdrawn: "The session is withdrawn. If you mailed a link to confirm it, the link no longer works.", record: "Record the session", recordedAsked: "The session is recorded, and the person you helped has been mailed a link to confirm it.", recorded: "The session is recorded. It counts once the organisers confirm it.",
        yes: "Yes, it took place", thanks: "Thank you! The session is confirmed.", confirm: "Confirm", saved: "The session is saved and the volunteer's hours are updated.", hours: "2.5 h", how: "Online sessions, each confirmed by the organisation or the person helped", byHelped: "confirmed by the person helped" },
};

for (const lang of ["kk", "ru", "en"]) {
  test(`an online campaign's sessions count once the person helped or the organisation confirms them, in ${lang}`, async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const t = { ...TEXT[lang], ...ONLINE[lang] };
    const name = `Кибер ${testInfo.project.name} ${Date.now()}`;
    const { page: owner } = await person(browser, testInfo, lang, `online-owner-${lang}`);
    await owner.goto(`/${lang}/organizations/new`);
    await hydrated(owner, testInfo);
    await owner.locator("#field-name_kk").fill(name);
    await owner.locator("#field-description_kk").fill("Онлайн кеңес береміз.");
    await owner.locator("#field-kind").selectOption("public_association");
    await owner.locator('input[name="regions"][value="KZ-75"]').check();
    await owner.locator('input[name="directions"][value="taza-alem"]').check();
    await owner.locator("#field-bin").fill(freshBin());
    await owner.locator("#field-phone").fill("8 727 123 45 67");
    await owner.locator("#field-email").fill("info@cyber.kz");
    await submit(owner, t.register);
    await expect(owner).toHaveURL(new RegExp(`/${lang}/organizations/[a-z0-9-]+\\?registered=1`));
    const profile = new URL(owner.url()).pathname;
    const { page: moderator, email: moderatorEmail } = await person(browser, testInfo, lang, `online-moderator-${lang}`);
    makeModerator(moderatorEmail);
    await moderator.goto(`/${lang}/moderation`);
    await hydrated(moderator, testInfo);
    await moderator.locator(".organization-card", { hasText: name }).getByRole("button", { name: t.verify, exact: true }).click();
    await expect(moderator.locator(".notice--success")).toBeVisible();

    // An online campaign that started two days ago.
    await owner.goto(`${profile}/campaigns/new`);
    await hydrated(owner, testInfo);
    const title = `Кеңес ${testInfo.project.name} ${Date.now()}`;
    await owner.locator("#field-title_kk").fill(title);
    await owner.locator("#field-description_kk").fill("Қарттарға смартфонды үйретеміз.");
    await owner.locator("#field-direction").selectOption("taza-alem");
    await owner.locator("#field-region").selectOption("KZ-75");
    await owner.locator("#field-mode").selectOption("online");
    const local = (hours) => new Date(Date.now() + (5 + hours) * 3600_000).toISOString().slice(0, 16);
    await owner.locator("#field-starts_at").fill(local(-48));
    await owner.locator("#field-ends_at").fill(local(48));
    await owner.getByRole("button", { name: t.publish, exact: true }).click();
    await expect(owner).toHaveURL(/\/campaigns\/\d+\/edit\?saved=1/);
    const campaignId = owner.url().match(/campaigns\/(\d+)\/edit/)[1];

    const { page: volunteer } = await person(browser, testInfo, lang, `online-helper-${lang}`);
    await volunteer.setViewportSize({ width: 390, height: 844 });
    await applyAndApprove({ volunteer, owner, lang, campaignId, profile, t }, testInfo);

    // The volunteer records yesterday's session on the phone and asks the person helped to confirm it.
    const yesterday = new Date(Date.now() + (5 - 24) * 3600_000).toISOString().slice(0, 10);
    const helpedEmail = `helped-${testInfo.project.name}-${Date.now()}@example.kz`;
    await volunteer.goto(`/${lang}/campaigns/${campaignId}`);
    await hydrated(volunteer, testInfo);
    const form = volunteer.locator(".sessions-box form");
    await form.locator("input[name=session_day]").fill(yesterday);
    await form.locator("input[name=session_from]").fill("10:00");
    await form.locator("input[name=session_to]").fill("11:30");
    await form.locator("input[name=helped_email]").fill(helpedEmail);
    await volunteer.getByRole("button", { name: t.record, exact: true }).click();
    await expect(volunteer.locator(".sessions-box .notice--success")).toHaveText(t.recordedAsked);
    await expect(volunteer.locator(".sessions li")).toHaveCount(1);
    await snap(volunteer, testInfo, `online-${lang}-recorded`);

    // The person helped opens the mailed link, with no account, and confirms.
    const helpedContext = await browser.newContext({ javaScriptEnabled: withJs(testInfo) });
    contexts.push(helpedContext);
    const helped = await helpedContext.newPage();
    await helped.setViewportSize({ width: 390, height: 844 });
    await helped.goto(await linkFromMail(helpedEmail, "/sessions/confirm"));
    await hydrated(helped, testInfo);
    await expect(helped.locator(".facts")).toContainText(title);
    await snap(helped, testInfo, `online-${lang}-helped`);
    await helped.getByRole("button", { name: t.yes, exact: true }).click();
    await expect(helped.locator(".notice--success")).toHaveText(t.thanks);

    // A second session, for the organisation to confirm.
    await volunteer.goto(`/${lang}/campaigns/${campaignId}`);
    await hydrated(volunteer, testInfo);
    await form.locator("input[name=session_day]").fill(yesterday);
    await form.locator("input[name=session_from]").fill("14:00");
    await form.locator("input[name=session_to]").fill("15:00");
    await volunteer.getByRole("button", { name: t.record, exact: true }).click();
    await expect(volunteer.locator(".sessions-box .notice--success")).toHaveText(t.recorded);
    await expect(volunteer.locator(".sessions li").first()).toContainText(t.byHelped);

    // A third, recorded by mistake, is withdrawn while it waits.
    await form.locator("input[name=session_day]").fill(yesterday);
    await form.locator("input[name=session_from]").fill("16:00");
    await form.locator("input[name=session_to]").fill("17:00");
    await volunteer.getByRole("button", { name: t.record, exact: true }).click();
    await expect(volunteer.locator(".sessions li")).toHaveCount(3);
    await volunteer.locator(".sessions li").last().locator(".session-withdraw button").click();
    await expect(volunteer.locator(".sessions-box .notice--success")).toHaveText(t.withdrawn);
    await expect(volunteer.locator(".sessions li")).toHaveCount(2);
    await expect(volunteer.locator(".session-withdraw")).toHaveCount(1);

    await owner.goto(`${profile}/campaigns/${campaignId}/applications`);
    await hydrated(owner, testInfo);
    await owner.locator(".session-decision").getByRole("button", { name: t.confirm, exact: true }).click();
    await expect(owner.locator(".notice--success").first()).toHaveText(t.saved);
    await expect(owner.locator(".session-decision")).toHaveCount(0);
    await snap(owner, testInfo, `online-${lang}-applications`);

    await volunteer.goto(`/${lang}/me/book`);
    await expect(volunteer.locator(".figures dd").first()).toHaveText(t.hours);
    await expect(volunteer.locator(".book-entry")).toContainText(t.how);
    await snap(volunteer, testInfo, `online-${lang}-book`);
  });
}
