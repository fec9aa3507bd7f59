// The performance benchmark (run by `bash .ci/bench`, which builds and installs what it needs).
//
// For each database (SQLite, then PostgreSQL) it loads the scale demo data once, starts the
// release server, drives each scenario with wrk on loopback (64 connections, as browsers ask:
// with Accept-Encoding) and reads the server's peak memory. Then it weighs what a first visit
// downloads, runs Lighthouse on the system Chromium, checks every budget and writes
// target/bench/report.json and target/bench/report.md.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ROOT = new URL("../../", import.meta.url).pathname;
const OUT = join(ROOT, "target/bench");
const BINARY = join(ROOT, "target/release/birgemiz");
const SITE = join(ROOT, "target/site");
const PORT = Number(process.env.BIRGEMIZ_BENCH_PORT || 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BIRGEMIZ_BENCH_SECONDS || 10);
const CONNECTIONS = 64;
const POSTGRES = process.env.BIRGEMIZ_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/birgemiz_bench";
const LIGHTHOUSE = process.env.BIRGEMIZ_BENCH_LIGHTHOUSE !== "off";
const ACCEPT_ENCODING = "gzip, deflate, br";

/** The budgets of issue 7; `check` says whether a measurement meets one. */
const BUDGETS = {
  listRps: { what: "campaign list page, requests per second", limit: 3000, check: (v) => v >= 3000 },
  listP99: { what: "campaign list page, p99 latency (ms)", limit: 50, check: (v) => v < 50 },
  apiRps: { what: "JSON API list, requests per second", limit: 5000, check: (v) => v >= 5000 },
  mapMs: { what: "map data for the whole country, p99 under load (ms)", limit: 50, check: (v) => v < 50 },
  mapBytes: { what: "map data for the whole country, bytes sent (gzip)", limit: 200 * 1024, check: (v) => v < 200 * 1024 },
  memoryMb: { what: "server peak memory (MB)", limit: 150, check: (v) => v < 150 },
  firstVisitKb: { what: "WebAssembly and JavaScript a first visit downloads on arrival, brotli (KB, the heaviest landing page)", limit: 250, check: (v) => v <= 250 },
  // Not a budget of the issue as written, but held to the same limit: what a visitor downloads
  // once they start using a form, the filters or the map (ui/bundle.rs loads it only then).
  firstUseKb: { what: "WebAssembly and JavaScript once a visitor starts using the page, brotli (KB, the heaviest landing page)", limit: 250, check: (v) => v <= 250 },
  performance: { what: "Lighthouse Performance (lowest page)", limit: 95, check: (v) => v >= 95 },
  accessibility: { what: "Lighthouse Accessibility (lowest page)", limit: 100, check: (v) => v >= 100 },
  bestPractices: { what: "Lighthouse Best Practices (lowest page)", limit: 100, check: (v) => v >= 100 },
  seo: { what: "Lighthouse SEO (lowest page)", limit: 100, check: (v) => v >= 100 },
};

const log = (...args) => console.log("[bench]", ...args);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function serverEnv(database) {
  return {
    ...process.env,
    BIRGEMIZ_DATABASE_URL: database,
    BIRGEMIZ_LISTEN: `127.0.0.1:${PORT}`,
    BIRGEMIZ_LOG: "warn",
    BIRGEMIZ_DEMO_DATA: "off",
    BIRGEMIZ_OUTBOX: join(OUT, "outbox"),
    BIRGEMIZ_UPLOADS: join(OUT, "uploads"),
    LEPTOS_SITE_ROOT: SITE,
  };
}

/** Loads the scale data into `database` unless it holds them already (a marker row says so). */
function loadScaleData(database) {
  const started = Date.now();
  const result = spawnSync(BINARY, ["demo", "--scale"], { env: serverEnv(database), encoding: "utf8" });
  if (result.status !== 0) throw new Error(`loading the scale data failed: ${result.stderr}`);
  const seconds = (Date.now() - started) / 1000;
  const already = result.stdout.includes("already loaded");
  log(already ? `scale data already in ${database}` : `scale data loaded into ${database} in ${seconds.toFixed(1)} s`);
  return already ? null : seconds;
}

async function startServer(database) {
  const server = spawn(BINARY, ["serve"], { env: serverEnv(database), stdio: ["ignore", "inherit", "inherit"] });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return server;
    } catch {}
    await sleep(500);
  }
  server.kill();
  throw new Error("the server did not start");
}

/** The server's peak resident memory (VmHWM), in MB. */
function peakMemoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(status.match(/VmHWM:\s+(\d+) kB/)[1]);
  return kb / 1024;
}

/** A wrk Lua script that asks for one of `paths` at random on each request. */
function luaFor(paths) {
  const file = join(OUT, `paths-${Math.random().toString(36).slice(2)}.lua`);
  const list = paths.map((p) => JSON.stringify(p)).join(",\n");
  writeFileSync(file, `local paths = {\n${list}\n}\nmath.randomseed(7)\nrequest = function()\n  return wrk.format("GET", paths[math.random(#paths)])\nend\n`);
  return file;
}

function milliseconds(value, unit) {
  return Number(value) * { us: 0.001, ms: 1, s: 1000 }[unit];
}

/** Runs wrk on the paths; requests per second and latency percentiles in ms. */
function wrk(paths) {
  const script = luaFor(paths);
  const output = execFileSync("wrk", ["-t2", `-c${CONNECTIONS}`, `-d${SECONDS}s`, "--latency", "-s", script, "-H", `Accept-Encoding: ${ACCEPT_ENCODING}`, BASE], {
    encoding: "utf8",
  });
  const percentile = (p) => {
    const m = output.match(new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`));
    return m ? milliseconds(m[1], m[2]) : null;
  };
  const rps = Number(output.match(/Requests\/sec:\s+([\d.]+)/)[1]);
  const errors = output.match(/Non-2xx or 3xx responses: (\d+)/);
  const socketErrors = output.match(/Socket errors: (.*)/);
  return { rps: Math.round(rps), p50: percentile(50), p99: percentile(99), non2xx: errors ? Number(errors[1]) : 0, socketErrors: socketErrors ? socketErrors[1] : null };
}

/** Bytes of a response as sent with and without compression. */
async function weigh(path) {
  const plain = await fetch(BASE + path, { headers: { "accept-encoding": "identity" } });
  const raw = Buffer.from(await plain.arrayBuffer()).length;
  const compressed = spawnSync("curl", ["-s", "-o", "/dev/null", "-w", "%{size_download}", "-H", "Accept-Encoding: br", BASE + path], { encoding: "utf8" });
  const gzip = spawnSync("curl", ["-s", "-o", "/dev/null", "-w", "%{size_download}", "-H", "Accept-Encoding: gzip", BASE + path], { encoding: "utf8" });
  return { status: plain.status, raw, gzip: Number(gzip.stdout), brotli: Number(compressed.stdout) };
}

/** Paths found in a page's HTML by a pattern (for campaign and organisation pages). */
async function linksIn(path, pattern) {
  const html = await (await fetch(BASE + path)).text();
  return [...new Set([...html.matchAll(pattern)].map((m) => m[0].replace(/"$/, "")))];
}

async function scenarios() {
  // Campaigns spread over the whole table; drafts (about 3 %) are not public and answer 404,
  // so only the published ones are asked for.
  const campaigns = [];
  for (let id = 1; id <= 100_000; id += 97) {
    const path = `/kk/campaigns/${id}`;
    if ((await fetch(BASE + path)).ok) campaigns.push(path);
  }
  let organizations = [];
  for (const page of ["/kk/organizations", "/ru/organizations?region=KZ-75", "/en/organizations?direction=qamqor"]) {
    organizations = organizations.concat(await linksIn(page, /\/(kk|ru|en)\/organizations\/[a-z0-9-]+-\d+"/g));
  }
  return [
    { name: "home page", key: "home", paths: ["/kk", "/ru", "/en"] },
    { name: "campaign list", key: "list", paths: ["/kk/campaigns", "/ru/campaigns", "/en/campaigns"] },
    { name: "campaign list, filtered", key: "listFiltered", paths: ["/kk/campaigns?region=KZ-75&direction=taza-alem", "/ru/campaigns?direction=qamqor&mode=onsite", "/en/campaigns?region=KZ-71&from=2027-01-01"] },
    { name: "campaign list, search", key: "listSearch", paths: ["/ru/campaigns?q=%D0%B4%D0%BE%D0%BD%D0%BE%D1%80", "/kk/campaigns?q=%D0%B0%D2%93%D0%B0%D1%88", "/en/campaigns?q=river"] },
    { name: "campaign page", key: "campaign", paths: campaigns },
    { name: "organisation page", key: "organization", paths: organizations },
    { name: "map data (whole country)", key: "map", paths: ["/api/v1/campaigns.geojson"] },
    { name: "JSON API list", key: "api", paths: ["/api/v1/campaigns", "/api/v1/campaigns?region=KZ-75", "/api/v1/campaigns?direction=bilim"] },
  ];
}

async function benchBackend(label, database) {
  const loadSeconds = loadScaleData(database);
  const server = await startServer(database);
  const results = { label, loadSeconds, scenarios: {}, weights: {} };
  try {
    const list = await scenarios();
    // Warm the caches and the connection pool as a running server would be.
    for (const s of list) for (const p of s.paths.slice(0, 20)) await fetch(BASE + p);
    for (const s of list) {
      log(`${label}: ${s.name} (${s.paths.length} addresses, ${SECONDS} s)`);
      results.scenarios[s.key] = { name: s.name, ...wrk(s.paths) };
      log(`  ${JSON.stringify(results.scenarios[s.key])}`);
    }
    for (const s of list) results.weights[s.key] = await weigh(s.paths[0]);
    results.peakMemoryMb = Math.round(peakMemoryMb(server.pid) * 10) / 10;
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.on("exit", resolve));
  }
  return results;
}

/** Every script and WebAssembly file in `urls`, measured raw, with gzip -9 and brotli 11, and as
 * the server sends it to a browser that accepts brotli. */
async function weighBundleFiles(urls) {
  const files = [];
  for (const file of urls) {
    const bytes = Buffer.from(await (await fetch(BASE + file, { headers: { "accept-encoding": "identity" } })).arrayBuffer());
    const served = Number(spawnSync("curl", ["-s", "-o", "/dev/null", "-w", "%{size_download}", "-H", "Accept-Encoding: br", BASE + file], { encoding: "utf8" }).stdout);
    files.push({
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      served,
    });
  }
  const total = (k) => files.reduce((sum, f) => sum + f[k], 0);
  return { files: files.length, raw: total("raw"), gzip: total("gzip"), brotli: total("brotli"), served: total("served") };
}

/** What a first visit downloads of the browser bundle, in a fresh Chromium: on arrival (until
 * the network is quiet and past the loader's idle wait), and in all once the visitor starts
 * using the page (points at the first element that needs the bundle) and it has hydrated. */
async function firstVisit(pages) {
  const { chromium } = await import("../node_modules/playwright/index.mjs");
  // As the browser tests do it: the bundle loads once the visitor points at what needs it.
  const { startUsing } = await import("../tests/helpers.mjs");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  const results = [];
  try {
    for (const [name, path] of pages) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const urls = new Set();
      page.on("response", (r) => {
        const url = new URL(r.url());
        if (url.origin === BASE && /\.(js|wasm)$/.test(url.pathname)) urls.add(url.pathname);
      });
      await page.goto(BASE + path);
      await page.waitForLoadState("networkidle");
      await sleep(2500);
      const arrival = await weighBundleFiles([...urls]);
      const marked = page.locator("[data-needs-script]");
      if ((await marked.count()) > 0) {
        if ((await page.locator("body[data-hydrated]").count()) === 0) await startUsing(page);
        await page.locator("body[data-hydrated]").waitFor({ state: "attached", timeout: 30_000 });
        await page.waitForLoadState("networkidle");
      }
      await context.close();
      const firstUse = await weighBundleFiles([...urls]);
      results.push({ page: name, path, html: await weigh(path), arrival, firstUse });
      log(`first visit of ${path}: on arrival ${arrival.files} files, ${arrival.brotli} B brotli; once used ${firstUse.files} files, ${firstUse.raw} B raw, ${firstUse.brotli} B brotli`);
    }
  } finally {
    await browser.close();
  }
  return results;
}

/** The pages people arrive on, for the first-visit budgets. */
const FIRST_VISIT_PAGES = [
  ["home", "/kk"],
  ["campaign list", "/ru/campaigns"],
  ["campaign", "/kk/campaigns/1"],
  ["organisations", "/en/organizations"],
  ["signup", "/kk/signup"],
  ["help", "/ru/help"],
  ["map", "/kk/map"],
  ["transparency", "/en/transparency"],
];

const LIGHTHOUSE_PAGES = [
  ["home", ""],
  ["campaign list", "/campaigns"],
  ["campaign", "/campaigns/1"],
  ["map", "/map"],
  ["organisation", null],
  ["signup", "/signup"],
];

/** One Lighthouse run (mobile) on a fresh Chromium. */
async function lighthouseRun(chromeLauncher, run, url) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const result = await run(url, { port: chrome.port, output: "json", logLevel: "error", formFactor: "mobile", onlyCategories: ["performance", "accessibility", "best-practices", "seo"] });
    const c = result.lhr.categories;
    const score = (k) => Math.round((c[k]?.score ?? 0) * 100);
    const failing = Object.values(result.lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable" && a.scoreDisplayMode !== "manual")
      .map((a) => a.id);
    return {
      url, measured: !result.lhr.runtimeError, runtimeError: result.lhr.runtimeError?.code ?? null,
      performance: score("performance"), accessibility: score("accessibility"), bestPractices: score("best-practices"), seo: score("seo"),
      lcpMs: Math.round(result.lhr.audits["largest-contentful-paint"].numericValue), tbtMs: Math.round(result.lhr.audits["total-blocking-time"].numericValue), failing,
    };
  } finally {
    await chrome.kill();
  }
}

async function lighthouse() {
  const { default: run } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const organization = (await linksIn("/kk/organizations", /\/kk\/organizations\/[a-z0-9-]+-\d+"/g))[0].replace("/kk", "");
  const results = [];
  for (const lang of ["kk", "ru", "en"]) {
    for (const [name, path] of LIGHTHOUSE_PAGES) {
      const url = `${BASE}/${lang}${path ?? organization}`;
      // Now and then a run fails to load the page at all (Lighthouse then reports a runtime
      // error and scores of 0, which measure nothing): such a run is made again, twice at most.
      let entry;
      for (let attempt = 1; attempt <= 3 && !entry?.measured; attempt++) {
        entry = { lang, page: name, ...(await lighthouseRun(chromeLauncher, run, url)) };
        if (!entry.measured) log(`lighthouse ${lang} ${name}: run ${attempt} failed (${entry.runtimeError})`);
      }
      log(`lighthouse ${lang} ${name}: ${entry.performance}/${entry.accessibility}/${entry.bestPractices}/${entry.seo}`);
      results.push(entry);
    }
  }
  return results;
}

function verdict(key, value) {
  const budget = BUDGETS[key];
  // A skipped measurement (Lighthouse turned off) is neither met nor missed.
  const measured = value !== null && value !== undefined;
  return { key, what: budget.what, limit: budget.limit, value, measured, met: measured && budget.check(value) };
}

function markdown(report) {
  const lines = [`# Birgemiz benchmark`, "", `${report.date} · ${report.machine} · wrk, ${CONNECTIONS} connections, ${SECONDS} s a scenario, Accept-Encoding: ${ACCEPT_ENCODING}`, ""];
  lines.push("## Budgets", "", "| budget | limit | SQLite | PostgreSQL |", "| --- | --- | --- | --- |");
  for (const key of Object.keys(BUDGETS)) {
    const cells = report.backends.map((b) => {
      const v = b.budgets.find((x) => x.key === key);
      if (!v) return "—";
      if (!v.measured) return "— not measured";
      return `${v.value} ${v.met ? "✅ met" : "❌ missed"}`;
    });
    lines.push(`| ${BUDGETS[key].what} | ${BUDGETS[key].limit} | ${cells.join(" | ")} |`);
  }
  for (const b of report.backends) {
    lines.push("", `## ${b.label}`, "", b.loadSeconds ? `Scale data loaded in ${b.loadSeconds.toFixed(1)} s.` : "Scale data were already loaded.", "");
    lines.push("| scenario | requests/s | p50 ms | p99 ms | non-2xx | HTML/JSON raw | gzip | brotli |", "| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const [key, s] of Object.entries(b.scenarios)) {
      const w = b.weights[key] || {};
      lines.push(`| ${s.name} | ${s.rps} | ${s.p50} | ${s.p99} | ${s.non2xx} | ${w.raw} | ${w.gzip} | ${w.brotli} |`);
    }
    lines.push("", `Peak server memory: ${b.peakMemoryMb} MB.`);
  }
  lines.push("", "## First visit: the page's HTML, and its WebAssembly and JavaScript (bytes)", "", "The HTML as sent (raw, gzip, brotli); the scripts on arrival, and in all once the visitor starts using the page (a form, the filters, the map) and it has hydrated.", "", "| page | HTML raw | gzip | brotli | on arrival: files | brotli 11 | once used: files | raw | gzip -9 | brotli 11 | served (br) |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const { page, path, html: h, arrival: a, firstUse: u } of report.firstVisit) lines.push(`| ${page} (${path}) | ${h.raw} | ${h.gzip} | ${h.brotli} | ${a.files} | ${a.brotli} | ${u.files} | ${u.raw} | ${u.gzip} | ${u.brotli} | ${u.served} |`);
  if (report.lighthouse.length) {
    lines.push("", "## Lighthouse (mobile)", "", "| page | lang | Performance | Accessibility | Best Practices | SEO | LCP ms | TBT ms | audits below 100 |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const l of report.lighthouse) lines.push(`| ${l.page}${l.measured === false ? ` (not measured: ${l.runtimeError})` : ""} | ${l.lang} | ${l.performance} | ${l.accessibility} | ${l.bestPractices} | ${l.seo} | ${l.lcpMs} | ${l.tbtMs} | ${l.failing.join(", ")} |`);
  }
  return lines.join("\n") + "\n";
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(BINARY)) throw new Error(`build first: ${BINARY} is missing`);
  const backends = [];
  const sqlite = process.env.BIRGEMIZ_BENCH_SQLITE_URL || `sqlite://${join(OUT, "scale.db")}`;
  const runs = [["SQLite", sqlite]];
  if (POSTGRES !== "off") runs.push(["PostgreSQL", POSTGRES]);
  let firstVisitResult = null;
  let lighthouseResult = [];
  for (const [label, database] of runs) {
    const result = await benchBackend(label, database);
    if (!firstVisitResult) {
      // Browser-side measurements once, on the first backend's server.
      const server = await startServer(database);
      try {
        firstVisitResult = await firstVisit(FIRST_VISIT_PAGES);
        if (LIGHTHOUSE) lighthouseResult = await lighthouse();
      } finally {
        server.kill("SIGTERM");
        await new Promise((resolve) => server.on("exit", resolve));
      }
    }
    const lowest = (k) => (lighthouseResult.length ? Math.min(...lighthouseResult.map((l) => l[k])) : null);
    result.budgets = [
      verdict("listRps", result.scenarios.list.rps),
      verdict("listP99", result.scenarios.list.p99),
      verdict("apiRps", result.scenarios.api.rps),
      verdict("mapMs", result.scenarios.map.p99),
      verdict("mapBytes", result.weights.map.gzip),
      verdict("memoryMb", result.peakMemoryMb),
      verdict("firstVisitKb", Math.round(Math.max(...firstVisitResult.map((v) => v.arrival.brotli)) / 1024)),
      verdict("firstUseKb", Math.round(Math.max(...firstVisitResult.map((v) => v.firstUse.brotli)) / 1024)),
      verdict("performance", lowest("performance")),
      verdict("accessibility", lowest("accessibility")),
      verdict("bestPractices", lowest("bestPractices")),
      verdict("seo", lowest("seo")),
    ];
    backends.push(result);
  }
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s+:\s+(.*)/)?.[1] ?? "unknown CPU";
  const cores = readFileSync("/proc/cpuinfo", "utf8").match(/^processor/gm).length;
  const report = { date: new Date().toISOString(), machine: `${cores} cores, ${cpu}`, seconds: SECONDS, connections: CONNECTIONS, backends, firstVisit: firstVisitResult, lighthouse: lighthouseResult };
  writeFileSync(join(OUT, "report.json"), JSON.stringify(report, null, 2));
  writeFileSync(join(OUT, "report.md"), markdown(report));
  log(`report: ${join(OUT, "report.md")}`);
  console.log(markdown(report));
  const missed = backends.flatMap((b) => b.budgets.filter((v) => v.measured && !v.met).map((v) => `${b.label}: ${v.what}`));
  const skipped = backends.flatMap((b) => b.budgets.filter((v) => !v.measured).map((v) => `${b.label}: ${v.what}`));
  if (skipped.length) log(`budgets not measured:\n  ${skipped.join("\n  ")}`);
  if (missed.length) log(`budgets missed:\n  ${missed.join("\n  ")}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
