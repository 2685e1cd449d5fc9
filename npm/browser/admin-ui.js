// Drives the Socket.IO Admin UI, served by our server, in Debian's Chromium with Playwright: the login form
// (server URL and credentials), the sockets view showing a client this script connected, the servers view,
// and a disconnection from the UI. usage: node browser/admin-ui.js <url> <screenshot.png>
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");
const { io } = require("socket.io-client");
const { scenario, finish, expect, once, connected } = require("../interop/support");

const [base, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

(async () => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "admin-ui-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--no-first-run", "--disable-sync"],
  });
  // The page links a web font and an icon font from CDNs; the test stays offline and deterministic.
  await context.route(/^https?:\/\/(fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.jsdelivr\.net)\//,
    (route) => route.abort());
  const errors = [];
  const page = context.pages()[0] || await context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));

  const watched = await connected(io(base + "/", { forceNew: true, reconnection: false, transports: ["websocket"] }));
  const watchedId = watched.id;

  const login = async (password) => {
    await page.getByLabel("Server URL").fill(base);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Connect" }).click();
  };

  await scenario("our server serves the UI page", async () => {
    await page.goto(base + "/admin/", { waitUntil: "domcontentloaded" });
    expect(await page.title() === "Socket.IO Admin UI", "the UI's title, got " + await page.title());
    await page.getByLabel("Server URL").waitFor({ timeout: 8000 });
  });

  await scenario("a wrong password is refused in the login form", async () => {
    await login("wrong");
    await page.getByText("Invalid credentials").waitFor({ timeout: 8000 });
  });

  await scenario("after login the sockets view shows the socket of a connected client", async () => {
    await login("changeit");
    await page.getByLabel("Server URL").waitFor({ state: "hidden", timeout: 8000 });
    await page.goto(base + "/admin/#/sockets/");
    await page.locator("tr", { hasText: watchedId }).waitFor({ timeout: 8000 });
    await page.locator("tr", { hasText: watchedId }).getByText("websocket").waitFor({ timeout: 8000 });
    await page.screenshot({ path: screenshot, fullPage: true });
  });

  await scenario("the servers view lists our server with its id", async () => {
    await page.goto(base + "/admin/#/servers/");
    await page.locator("tr", { hasText: "browser-test-server" }).waitFor({ timeout: 8000 });
  });

  await scenario("the disconnect button of the sockets view disconnects the client", async () => {
    await page.goto(base + "/admin/#/sockets/");
    // the views slide in and out: wait until only the sockets view's row is left
    await page.waitForFunction(
      (id) => [...document.querySelectorAll("tr")].filter((tr) => tr.textContent.includes(id)).length === 1,
      watchedId, { timeout: 8000 });
    const gone = once(watched, "disconnect", 8000);
    await page.locator("tr", { hasText: watchedId }).locator("button").click();
    const [reason] = await gone;
    expect(reason === "io server disconnect", "the server disconnected it, got " + reason);
    // the click also opened the socket's details; back in the list, the socket is gone
    await page.goto(base + "/admin/#/sockets/");
    await page.waitForFunction((id) => ![...document.querySelectorAll("tr")].some((tr) => tr.textContent.includes(id)),
      watchedId, { timeout: 8000 });
  });

  await scenario("no page raised a script error", async () => {
    expect(errors.length === 0, "no errors, got " + JSON.stringify(errors));
  });

  watched.close();
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  finish();
})().catch((e) => { console.log("FAIL setup: " + e.message); process.exit(1); });
