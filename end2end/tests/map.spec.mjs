import { test } from "@playwright/test";
import { expect, hydrated, snap, withJs } from "./helpers.mjs";

for (const { lang, title, karaganda } of [
  { lang: "kk", title: "Науқандар картасы", karaganda: "Қарағанды облысы" },
  { lang: "ru", title: "Карта кампаний", karaganda: "Карагандинская область" },
  { lang: "en", title: "Campaign map", karaganda: "Karaganda Region" },
]) {
  test(`the map draws all 20 regions in ${lang} and a region filters map and list`, async ({ page }, testInfo) => {
    const response = await page.goto(`/${lang}/map`);
    expect(response.status()).toBe(200);
    await hydrated(page, testInfo);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.locator("a.region-link")).toHaveCount(20);
    await expect(page.locator(".legend li")).toHaveCount(6);
    await expect(page.locator(".map__attribution")).toContainText("CC BY-IGO");
    await snap(page, testInfo, `map-${lang}-desktop`);
    // Each region is named with its count for screen readers.
    const label = await page.locator('a.region-link[data-region="KZ-35"]').getAttribute("aria-label");
    expect(label).toMatch(new RegExp(`^${karaganda}: \\d`));
    // Its middle holds a cluster (a 44 px target on any screen): the region is chosen by keyboard.
    await page.locator('a.region-link[data-region="KZ-35"]').focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/map\?region=KZ-35$/);
    await expect(page.locator('a.region-link[data-region="KZ-35"] path')).toHaveClass(/region--selected/);
    await expect(page.locator("#filter-region")).toHaveValue("KZ-35");
    const cards = page.locator(".map-side-list .campaign-card");
    await expect(cards.first()).toBeVisible();
    for (const card of await cards.all()) await expect(card).toContainText(karaganda);
    await page.setViewportSize({ width: 390, height: 844 });
    await snap(page, testInfo, `map-${lang}-phone`);
  });
}

test("filters survive the switch between list and map", async ({ page }, testInfo) => {
  await page.goto("/ru/campaigns?direction=qamqor&mode=onsite");
  await hydrated(page, testInfo);
  await page.getByRole("link", { name: "Карта", exact: true }).last().click();
  await expect(page).toHaveURL(/\/ru\/map\?direction=qamqor&mode=onsite$/);
  await expect(page.getByLabel("Направление")).toHaveValue("qamqor");
  await expect(page.getByLabel("Формат")).toHaveValue("onsite");
  await page.getByRole("link", { name: "Список", exact: true }).click();
  await expect(page).toHaveURL(/\/ru\/campaigns\?direction=qamqor&mode=onsite$/);
  await expect(page.getByLabel("Направление")).toHaveValue("qamqor");
});

const MAP_TEXT = {
  kk: { zoomIn: "Жақындату", zoomOut: "Алыстату", open: "Науқанды ашу" },
  ru: { zoomIn: "Приблизить", zoomOut: "Отдалить", open: "Открыть кампанию" },
  en: { zoomIn: "Zoom in", zoomOut: "Zoom out", open: "Open the campaign" },
};

/** The first drawn cluster or marker: an SVG element with a size (an HTML <a> inside an <svg>
 * is in the page but never drawn). */
async function expectDrawn(locator) {
  await expect(locator).toBeVisible();
  expect(await locator.evaluate((e) => e.namespaceURI)).toBe("http://www.w3.org/2000/svg");
  const box = await locator.boundingBox();
  expect(box.width).toBeGreaterThan(0);
}

for (const lang of ["kk", "ru", "en"]) {
  test(`after zooming, clusters and markers are drawn, and a cluster opens to a marker's card in ${lang}`, async ({ page }, testInfo) => {
    const t = MAP_TEXT[lang];
    await page.goto(`/${lang}/map?region=KZ-79`);
    await hydrated(page, testInfo);
    const drawn = page.locator("a.cluster, a.marker");
    await expectDrawn(drawn.first());
    if (withJs(testInfo)) {
      // The map is drawn again in the browser: every cluster and marker stays.
      await page.getByRole("button", { name: t.zoomIn, exact: true }).click();
      await page.waitForTimeout(300);
      await expectDrawn(drawn.first());
      // Back out, so that the first cluster is clear of the readout under the map.
      await page.getByRole("button", { name: t.zoomOut, exact: true }).click();
      await page.waitForTimeout(300);
    }
    // Open clusters until single markers show; what a click opens is drawn.
    for (let i = 0; i < 5 && (await page.locator("a.marker").count()) === 0; i++) {
      await page.locator("a.cluster").first().click();
      if (!withJs(testInfo)) await expect(page).toHaveURL(/bbox=/);
      await page.waitForTimeout(400);
      await expectDrawn(drawn.first());
    }
    const marker = page.locator("a.marker").first();
    await expectDrawn(marker);
    const name = await marker.getAttribute("aria-label");
    // No full-page screenshot here: taking one resizes the window for a moment, the map measures
    // its frame again and may load its places anew, and the marker found above can go.
    await marker.click();
    if (withJs(testInfo)) {
      const card = page.locator(".map-card");
      await expect(card).toBeVisible();
      await expect(card.getByRole("heading")).toContainText(name.slice(0, 20));
      await snap(page, testInfo, `map-${lang}-card`);
      await card.getByRole("link", { name: t.open }).click();
    }
    await expect(page).toHaveURL(new RegExp(`/${lang}/campaigns/\\d+$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name.slice(0, 20));
  });
}

test("the map's data for the whole country is GeoJSON with region counts", async ({ request }) => {
  const response = await request.get("/api/v1/campaigns.geojson");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.type).toBe("FeatureCollection");
  expect(body.regions).toHaveLength(20);
  expect(body.features.length).toBeGreaterThan(0);
  const bad = await request.get("/api/v1/campaigns.geojson?bbox=1,2,3");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.parameter).toBe("bbox");
});

test("the street-map layer shows the same campaigns over OpenStreetMap", async ({ page }, testInfo) => {
  test.skip(!withJs(testInfo), "the street map is a JavaScript layer; the drawn map serves without it");
  // The street map's script and Leaflet come from addresses with their content hash, kept a year.
  const files = [];
  page.on("response", (response) => {
    if (/street-map\.js|\/leaflet\//.test(response.url())) files.push({ url: new URL(response.url()).pathname, cache: response.headers()["cache-control"] });
  });
  await page.goto("/en/map?region=KZ-75");
  await hydrated(page, testInfo);
  await page.getByLabel("Street map (OpenStreetMap)").check();
  const street = page.locator(".street-map.leaflet-container");
  await expect(street).toBeVisible();
  for (const name of ["street-map.js", "leaflet.js", "leaflet.css"]) {
    const file = files.find((f) => f.url.endsWith("/" + name));
    expect(file?.url, name).toMatch(/^\/static\/[0-9a-f]{16}\//);
    expect(file.cache, name).toBe("public, max-age=31536000, immutable");
  }
  // Markers come from the platform's GeoJSON; nothing here waits for tiles.
  await expect(street).toHaveAttribute("data-features", /^[1-9]\d*$/);
  await expect(street.locator(".leaflet-control-attribution")).toContainText("OpenStreetMap");
  await expect(page.locator(".map__svg")).toBeHidden();
  await page.getByLabel("Street map (OpenStreetMap)").uncheck();
  await expect(page.locator(".map__svg")).toBeVisible();
  await expect(street).toHaveCount(0);
});

test("on a phone, the street map's clusters fit their cells instead of covering each other", async ({ page }, testInfo) => {
  test.skip(!withJs(testInfo), "the street map is a JavaScript layer");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/en/map");
  await hydrated(page, testInfo);
  await page.getByLabel("Street map (OpenStreetMap)").check();
  const street = page.locator(".street-map.leaflet-container");
  await expect(street).toHaveAttribute("data-features", /^[1-9]\d*$/);
  const cell = Number(await street.getAttribute("data-cell"));
  // The whole country on a phone: cells about 20 px across, where a cluster of 50 campaigns
  // used to be drawn 40 px wide.
  expect(cell).toBeGreaterThan(10);
  expect(cell).toBeLessThan(40);
  const clusters = street.locator('path.leaflet-interactive[fill="#f6c343"]');
  expect(await clusters.count()).toBeGreaterThan(1);
  for (const circle of await clusters.all()) {
    const box = await circle.boundingBox();
    expect(box.width, "one stroke's width past the cell at most").toBeLessThanOrEqual(Math.max(cell, 18) + 2);
  }
  await snap(page, testInfo, "street-map-en-phone");
});

test("keyboard: a focused region is named with its count, keys zoom and pan", async ({ page }, testInfo) => {
  test.skip(!withJs(testInfo), "zoom, pan and the readout need JavaScript; without it every region is a plain link");
  await page.goto("/kk/map");
  await hydrated(page, testInfo);
  await page.locator('a.region-link[data-region="KZ-35"]').focus();
  await expect(page.locator(".map__readout")).toHaveText(/^Қарағанды облысы: \d/);
  const svg = page.locator(".map__svg");
  const before = await svg.getAttribute("viewBox");
  await svg.focus();
  await page.keyboard.press("+");
  await expect(svg).not.toHaveAttribute("viewBox", before);
  const zoomed = await svg.getAttribute("viewBox");
  await page.keyboard.press("ArrowRight");
  await expect(svg).not.toHaveAttribute("viewBox", zoomed);
  await page.getByRole("button", { name: "Бүкіл ел" }).click();
  await expect(svg).toHaveAttribute("viewBox", before);
});
