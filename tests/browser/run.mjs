// Real-browser end-to-end tests of Signpost's web page: Debian's Chromium driven by playwright-core,
// axe-core on every page type, against a real server on a free port with a fresh store.
// Started by run.sh, which passes SIGNPOST_URL and SIGNPOST_EDITOR_KEY.
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const BASE = process.env.SIGNPOST_URL;
const KEY = process.env.SIGNPOST_EDITOR_KEY;
const ADMIN_KEY = process.env.SIGNPOST_ADMIN_KEY;
const SHOTS = process.env.SIGNPOST_SCREENSHOTS || join(here, "..", "..", "docs", "screenshots");
const AXE = readFileSync(join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");
const QUERY = "Bengali-speaking mentoring within 3 miles of WS1 1AA";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

if (!BASE || !KEY) {
  console.error("SIGNPOST_URL and SIGNPOST_EDITOR_KEY must be set (run tests/browser/run.sh)");
  process.exit(2);
}
mkdirSync(SHOTS, { recursive: true });

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Runs axe-core on the page; fails with every violation listed. */
async function axe(page, what) {
  await page.evaluate(AXE + "\n;0");
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
    AXE_TAGS,
  );
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`,
  );
  assert(violations.length === 0, `axe on ${what}:\n  ${violations.join("\n  ")}`);
}

/** A fresh page that fails the test on any console error (CSP violations included). */
async function freshPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, ...options });
  await context.addInitScript(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  const page = await context.newPage();
  page.errors = [];
  page.on("console", (msg) => { if (msg.type() === "error") page.errors.push(msg.text()); });
  page.on("pageerror", (err) => page.errors.push(String(err)));
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(BASE) && !url.startsWith("data:")) page.errors.push(`request beyond the server: ${url}`);
  });
  return { context, page };
}

async function search(page, query) {
  await page.goto(BASE + "/");
  await page.fill("#q", query);
  await Promise.all([page.waitForURL(/\/search\?/), page.press("#q", "Enter")]);
}

async function chipLabels(page) {
  return page.$$eval(".chip", (chips) => chips.map((c) => c.getAttribute("aria-label")));
}

async function signIn(page, key = KEY) {
  await page.goto(BASE + "/navigator/sign-in");
  await page.fill("#key", key);
  await Promise.all([page.waitForURL(/\/navigator$/), page.click("button[type=submit]")]);
}

const tests = [];
const test = (name, body) => tests.push({ name, body });

test("home page has one labelled search box and examples; axe clean", async (browser) => {
  const { context, page } = await freshPage(browser);
  await page.goto(BASE + "/");
  assert((await page.$$("input#q")).length === 1, "one search box");
  assert((await page.textContent("label[for=q]")).includes("Search"), "search box is labelled");
  assert((await page.textContent("body")).includes(QUERY), "shows the Bengali example");
  await axe(page, "home");
  await page.screenshot({ path: join(SHOTS, "home.png"), fullPage: true });
  assert(page.errors.length === 0, page.errors.join("\n"));
  await context.close();
});

test("type a query, see chips and results; remove a chip", async (browser) => {
  const { context, page } = await freshPage(browser);
  await search(page, QUERY);
  assert((await page.textContent("h1")).match(/\d+ services? found/), "results heading");
  const chips = await chipLabels(page);
  assert(chips.some((c) => c.includes("Bengali")), `a Bengali chip in ${chips}`);
  assert(chips.some((c) => c.includes("WS1 1AA")), `a place chip in ${chips}`);
  const results = await page.$$(".result");
  assert(results.length > 0, "some results");
  assert((await page.textContent(".results")).includes("Bengali"), "results speak Bengali");
  assert((await page.$$("svg[role=img] circle.pin")).length > 0, "the map shows pins");
  assert((await page.$$("span[lang=bn]")).length > 0, "Bengali is named in its own script with lang=bn");
  assert((await page.textContent(".results")).includes("Demonstration data"), "demonstration data is marked");
  await axe(page, "results");
  await page.screenshot({ path: join(SHOTS, "results.png"), fullPage: true });
  const before = Number((await page.textContent("h1")).match(/\d+/)[0]);
  await Promise.all([page.waitForURL(/\/search\?/), page.click(".chip[aria-label*=Bengali]")]);
  const after = await chipLabels(page);
  assert(!after.some((c) => c.includes("Bengali")), `Bengali chip removed: ${after}`);
  assert(after.some((c) => c.includes("WS1 1AA")), `other chips kept: ${after}`);
  const total = Number((await page.textContent("h1")).match(/\d+/)[0]);
  assert(total >= before, `removing a filter never finds fewer (${before} then ${total})`);
  assert(page.errors.length === 0, page.errors.join("\n"));
  await context.close();
});

test("filters carry counts that match the narrowed search", async (browser) => {
  const { context, page } = await freshPage(browser);
  await search(page, "mentoring near WS1 1AA");
  const link = await page.$(".filters a:has-text('Free of charge')");
  assert(link, "a free-of-charge filter");
  const count = Number((await link.textContent()).match(/\((\d+)\)/)[1]);
  await Promise.all([page.waitForURL(/\/search\?/), link.click()]);
  const total = (await page.textContent("h1")).match(/^(\d+|No)/)[1];
  assert(String(count) === total || (count === 0 && total === "No"), `filter said ${count}, search found ${total}`);
  await context.close();
});

test("no results suggests widening the radius or dropping a filter; axe clean", async (browser) => {
  const { context, page } = await freshPage(browser);
  await search(page, "Yiddish-speaking mentoring within 1 mile of WS1 1AA");
  assert((await page.textContent("h1")).includes("No services found"), "no results heading");
  const body = await page.textContent("main");
  assert(body.includes("Search a wider area"), "suggests a wider area");
  assert(body.includes("Search without"), "suggests dropping a filter");
  await axe(page, "no results");
  await context.close();
});

test("open a detail page; axe clean", async (browser) => {
  const { context, page } = await freshPage(browser);
  await search(page, QUERY);
  const name = (await page.textContent(".result h3 a")).trim();
  await Promise.all([page.waitForURL(/\/services\//), page.click(".result h3 a")]);
  assert((await page.textContent("h1")).includes(name), "detail page names the service");
  const main = await page.textContent("main");
  assert(main.includes("Last verified") && main.includes("Source:"), "verified date and source");
  assert(main.includes("Report a problem"), "report link");
  await axe(page, "detail");
  await page.screenshot({ path: join(SHOTS, "detail.png"), fullPage: true });
  assert(page.errors.length === 0, page.errors.join("\n"));
  await context.close();
});

test("build a shortlist, print it on A4, share it and download CSV", async (browser) => {
  const { context, page } = await freshPage(browser);
  await search(page, QUERY);
  const boxes = await page.$$("input[name=ids]");
  assert(boxes.length >= 2, "two services to tick");
  await boxes[0].check();
  await boxes[1].check();
  await Promise.all([page.waitForURL(/\/shortlist\?ids=/), page.click("text=View shortlist")]);
  assert((await page.$$(".result")).length === 2, "two services shortlisted");
  await Promise.all([page.waitForURL(/\/shortlist\?ids=/), page.goto(BASE + "/shortlist")]);
  assert((await page.$$(".result")).length === 2, "the header's Shortlist link shows the ticked services");
  const share = await page.inputValue("#share-link");
  assert(share.includes("/shortlist?ids="), `share link ${share}`);
  await page.click("[data-print]");
  assert((await page.evaluate(() => window.__printed)) === 1, "print was called");
  await axe(page, "shortlist");
  const csv = await (await page.request.get(share.replace(/^https?:\/\/[^/]+/, BASE).replace("/shortlist?", "/shortlist.csv?"))).text();
  assert(csv.trim().split("\n").length === 3, `CSV has a header and two rows:\n${csv}`);
  await page.emulateMedia({ media: "print" });
  assert(!(await page.isVisible("header.header")), "print hides the header");
  assert(!(await page.isVisible("[data-print]")), "print hides the buttons");
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: join(SHOTS, "shortlist-print.png"), fullPage: true });
  const pdf = await page.pdf({ format: "A4", printBackground: false, preferCSSPageSize: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert(pages >= 1 && pages <= 2, `two services print on one or two A4 pages, not ${pages}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert(overflow <= 0, `print view is ${overflow}px wider than A4`);
  assert(page.errors.length === 0, page.errors.join("\n"));
  await context.close();
});

test("sign in, edit a service and mark it verified today; add a service that is searchable at once", async (browser) => {
  const { context, page } = await freshPage(browser);
  await signIn(page);
  await axe(page, "navigator dashboard");
  await search(page, QUERY);
  await Promise.all([page.waitForURL(/\/services\//), page.click(".result h3 a")]);
  await Promise.all([page.waitForURL(/\/edit$/), page.click("text=Edit this service")]);
  await axe(page, "edit form");
  const name = await page.inputValue("#name");
  await page.fill("#name", name + " (checked)");
  await page.fill("#opening", "TU,TH 09:30-12:00");
  await page.check("#verified");
  await Promise.all([page.waitForURL(/\/services\/[^/]+$/), page.click("button:has-text('Save')")]);
  assert((await page.textContent("h1")).includes("(checked)"), "the new name shows");
  const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
  assert((await page.textContent("main")).includes(today), `last verified is today (${today})`);
  assert((await page.textContent("main")).includes("Tue, Thu 09:30 to 12:00"), "new opening times show");
  await page.goto(BASE + "/navigator/services/new");
  await page.fill("#name", "Browser test homework club");
  await page.fill("#languages", "ben, syl");
  await page.check("#category-mentoring");
  await page.fill("#postcode", "WS1 1AA");
  await Promise.all([page.waitForURL(/\/services\/[^/]+$/), page.click("button:has-text('Save')")]);
  assert((await page.textContent("h1")).includes("Browser test homework club"), "new service page");
  await search(page, "homework club near WS1 1AA");
  assert((await page.textContent(".results")).includes("Browser test homework club"), "new service found at once");
  assert(page.errors.length === 0, page.errors.join("\n"));
  await context.close();
});

test("a forged form without the CSRF token is refused", async (browser) => {
  const { context, page } = await freshPage(browser);
  await signIn(page);
  const response = await page.request.post(BASE + "/navigator/services/new", {
    form: { name: "Forged service", csrf: "not-the-token" },
  });
  assert(response.status() === 403, `forged form answered ${response.status()}`);
  await context.close();
});

test("submit a problem report; a navigator sees it queued and closes it", async (browser) => {
  const { context, page } = await freshPage(browser);
  await search(page, QUERY);
  await Promise.all([page.waitForURL(/\/services\//), page.click(".result h3 a")]);
  await Promise.all([page.waitForURL(/\/report$/), page.click("text=Report a problem")]);
  await axe(page, "report form");
  const message = `The Saturday session has moved (browser test ${Date.now()})`;
  await page.fill("#message", message);
  await Promise.all([page.waitForNavigation(), page.click("button:has-text('Send report')")]);
  assert((await page.textContent("h1")).includes("Thank you"), "report confirmed");
  await signIn(page);
  await page.goto(BASE + "/navigator/reports");
  assert((await page.textContent("main")).includes(message), "report queued for navigators");
  await axe(page, "report queue");
  const row = page.locator("tr", { hasText: message });
  await Promise.all([page.waitForURL(/\/navigator\/reports$/), row.locator("button").click()]);
  assert(!(await page.textContent("main")).includes(message), "report closed");
  await context.close();
});

test("keyboard only: find a Bengali-speaking mentor near WS1 1AA, shortlist two, print", async (browser) => {
  const { context, page } = await freshPage(browser);
  await page.goto(BASE + "/");
  const focusedIs = (predicate) => page.evaluate(predicate);
  async function tabTo(predicate, what, limit = 80) {
    for (let i = 0; i < limit; i += 1) {
      await page.keyboard.press("Tab");
      if (await focusedIs(predicate)) return;
    }
    throw new Error(`Tab never reached ${what}`);
  }
  await tabTo(() => document.activeElement.id === "q", "the search box");
  await page.keyboard.type(QUERY);
  await Promise.all([page.waitForURL(/\/search\?/), page.keyboard.press("Enter")]);
  const first = (await page.$$eval(".result", (r) => r.slice(0, 2).map((x) => x.textContent)));
  assert(first.length === 2 && first.every((t) => t.includes("Bengali") && /mentor/i.test(t)), "two Bengali-speaking mentoring services");
  for (let n = 0; n < 2; n += 1) {
    await tabTo(() => document.activeElement.name === "ids" && !document.activeElement.checked, `checkbox ${n + 1}`);
    await page.keyboard.press("Space");
  }
  await tabTo(() => document.activeElement.textContent.includes("View shortlist"), "View shortlist");
  await Promise.all([page.waitForURL(/\/shortlist\?ids=/), page.keyboard.press("Enter")]);
  assert((await page.$$(".result")).length === 2, "two services shortlisted");
  await tabTo(() => document.activeElement.hasAttribute("data-print"), "Print");
  await page.keyboard.press("Enter");
  assert((await page.evaluate(() => window.__printed)) === 1, "printed");
  assert(page.errors.length === 0, page.errors.join("\n"));
  await context.close();
});

test("works at 320 px wide with no sideways scrolling; axe clean", async (browser) => {
  const { context, page } = await freshPage(browser, { viewport: { width: 320, height: 720 } });
  for (const path of ["/", "/search?q=" + encodeURIComponent(QUERY)]) {
    await page.goto(BASE + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 320px`);
  }
  await axe(page, "results at 320px");
  await page.screenshot({ path: join(SHOTS, "results-320px.png"), fullPage: false });
  await context.close();
});

test("about page and not-found page; axe clean", async (browser) => {
  const { context, page } = await freshPage(browser);
  await page.goto(BASE + "/about");
  const about = await page.textContent("main");
  assert(about.includes("Office for National Statistics"), "gazetteer attribution");
  assert((await page.textContent("footer")).includes("Contains OS data"), "attribution in the footer");
  await axe(page, "about");
  const missing = await page.goto(BASE + "/services/no-such-service", { waitUntil: "load" });
  assert(missing.status() === 404, `missing service answered ${missing.status()}`);
  await axe(page, "not found");
  await context.close();
});

test("match a person by keyboard: results explained, nothing in the address; axe clean", async (browser) => {
  const { context, page } = await freshPage(browser);
  await page.goto(BASE + "/match");
  await axe(page, "match form");
  await page.check("#need-mentoring");
  await page.check("#essential-mentoring");
  await page.fill("#speaks", "syl, ben");
  await page.fill("#preferred", "syl");
  await page.fill("#postcode", "WS1 1AA");
  await page.fill("#miles", "5");
  await page.focus("#miles");
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/match"),
    page.keyboard.press("Enter"),
  ]);
  await page.waitForFunction(() => document.body.innerText.includes("limit 5"), null, { timeout: 10000 });
  const main = await page.textContent("main");
  assert(main.includes("Bengali and Sylheti Peer Mentoring"), `a Sylheti-speaking mentoring service is matched: ${main.replace(/\s+/g, " ").slice(0, 400)}`);
  assert(main.includes("speaks Sylheti (preferred)"), "the language reason is shown");
  assert(!page.url().includes("WS1") && !page.url().includes("syl"), `profile in the address: ${page.url()}`);
  await axe(page, "match results");
  assert(page.errors.length === 0, page.errors.join("\n"));
  await context.close();
});

test("languages: the search page and results in Welsh and in Urdu (right to left); axe clean", async (browser) => {
  const { context, page } = await freshPage(browser);
  for (const [lang, dir] of [["cy", "ltr"], ["ur", "rtl"]]) {
    for (const path of ["/?ui=" + lang, "/search?ui=" + lang + "&q=" + encodeURIComponent(QUERY)]) {
      await page.goto(BASE + path);
      const html = await page.$eval("html", (el) => [el.lang, el.dir]);
      assert(html[0] === lang && html[1] === dir, `${path}: html lang/dir ${html}`);
      await axe(page, `${path}`);
    }
    assert((await page.$$(".result")).length > 0, `${lang}: results shown`);
  }
  assert(page.errors.length === 0, page.errors.join("\n"));
  await context.close();
});

test("languages: the switch sets the cookie and later pages keep the language", async (browser) => {
  const { context, page } = await freshPage(browser);
  await page.goto(BASE + "/about");
  assert((await page.getAttribute("html", "lang")) === "en", "English by default");
  await Promise.all([page.waitForURL(/ui=cy/), page.click(".language-switch a[data-ui=cy]")]);
  assert((await page.getAttribute("html", "lang")) === "cy", "Welsh after the switch");
  const cookie = (await context.cookies()).find((c) => c.name === "signpost_ui");
  assert(cookie && cookie.value === "cy", `cookie: ${JSON.stringify(cookie)}`);
  await page.goto(BASE + "/shortlist");
  assert((await page.getAttribute("html", "lang")) === "cy", "the cookie keeps Welsh");
  assert(page.errors.length === 0, page.errors.join("\n"));
  await context.close();
});

test("refer from a search result; the service accepts and records attended; axe clean", async (browser) => {
  // An admin records every outcome, as the service's own editor would, and sees the heatmap.
  assert(ADMIN_KEY, "SIGNPOST_ADMIN_KEY is set (run.sh makes it; not in SIGNPOST_PAGES_ONLY mode)");
  const { context, page } = await freshPage(browser);
  await signIn(page, ADMIN_KEY);
  await search(page, QUERY);
  await Promise.all([page.waitForURL(/\/navigator\/referrals\/new\?service=/), page.click(".result a:has-text('Refer')")]);
  await axe(page, "referral form");
  const caseRef = `BRW-${Date.now() % 100000}`;
  await page.fill("#case_ref", caseRef);
  await page.check("#need-mentoring");
  await page.selectOption("#ethnic_group", "asian-bangladeshi");
  await Promise.all([page.waitForURL(/\/navigator\/referrals\/ref_/), page.click("button:has-text('Send referral')")]);
  assert(!page.url().includes(caseRef), "no case reference in the URL");
  const service = await page.getAttribute("dd a[href^='/services/']", "href");
  await page.goto(BASE + "/navigator/referrals?status=sent&service_id=" + service.split("/").pop());
  assert((await page.textContent("main")).includes(caseRef), "the referral is in the service's inbox");
  await axe(page, "referral list");
  const row = page.locator("tr", { hasText: caseRef });
  await Promise.all([page.waitForURL(/\/navigator\/referrals\/ref_/), row.locator("button:has-text('Accept')").click()]);
  assert((await page.textContent("dl")).includes("Accepted"), "accepted");
  await Promise.all([page.waitForURL(/\/navigator\/referrals\/ref_/), page.click("button:has-text('Attended')")]);
  assert((await page.textContent("dl")).includes("Attended"), "attended recorded");
  await page.goto(BASE + "/navigator/equality?reference=asian-bangladeshi");
  assert((await page.textContent("h1")).includes("Equality monitoring"), "the heatmap page");
  assert((await page.textContent("table")).includes("asian-bangladeshi (reference)"), "the group shows");
  assert((await page.textContent("table")).includes("suppressed"), "one referral is too few to show");
  await axe(page, "equality heatmap");
  assert(page.errors.length === 0, page.errors.join("\n"));
  await context.close();
});

const args = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
// playwright-core gives every launch a fresh, temporary --user-data-dir of its own.
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args, headless: true });

let passed = 0;
let failed = 0;
const only = process.env.ONLY;
for (const { name, body } of tests) {
  if (only && !name.includes(only)) continue;
  const started = Date.now();
  try {
    await body(browser);
    passed += 1;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}\n     ${String(error.stack || error).split("\n").join("\n     ")}`);
  }
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
