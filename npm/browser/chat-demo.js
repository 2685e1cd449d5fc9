// Drives the chat demo in Debian's Chromium with Playwright: two chat pages, the seed page on the 2.x and
// 4.x clients, and the raw WebSocket echo page. usage: node browser/chat-demo.js <url> <screenshot.png>
"use strict";
const { chromium } = require("playwright-core");
const { scenario, finish, expect } = require("../interop/support");

const [base, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

(async () => {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
      "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const errors = [];
  const open = async (path) => {
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(path + ": " + e.message));
    await page.goto(base + path);
    return page;
  };
  const connected = (page) => page.waitForSelector('#status[data-state="connected"]', { timeout: 8000 });

  let alice, bob;
  await scenario("two pages join the chat and see each other's nicknames, typing and messages", async () => {
    alice = await open("/");
    bob = await open("/");
    await connected(alice);
    await connected(bob);
    await alice.fill("#nick", "alice");
    await alice.click("#login button");
    await alice.waitForSelector("#chat:not([hidden])");
    await bob.fill("#nick", "bob");
    await bob.click("#login button");
    await bob.waitForSelector("#chat:not([hidden])");
    await alice.waitForSelector("text=bob joined", { timeout: 5000 });
    await alice.waitForFunction(() => document.getElementById("online").textContent === "2 online");

    await alice.type("#text", "hel");
    await bob.waitForFunction(() => document.getElementById("typing").textContent.includes("alice is typing"));
    await alice.fill("#text", "hello <b>bob</b>");
    await alice.press("#text", "Enter");
    await bob.waitForFunction(() => [...document.querySelectorAll(".message")]
      .some((li) => li.textContent.includes("alice") && li.textContent.includes("hello <b>bob</b>")));
    // rendered as text, not markup
    expect(await bob.$$eval(".message b", (els) => els.length) === 0, "no HTML injected");
    await bob.fill("#text", "hi alice");
    await bob.press("#text", "Enter");
    await alice.waitForFunction(() => [...document.querySelectorAll(".message")]
      .some((li) => li.textContent.includes("bob") && li.textContent.includes("hi alice")));
  });

  await scenario("a room switch brings the room's history", async () => {
    await bob.fill("#new-room-name", "games");
    await bob.press("#new-room-name", "Enter");
    await bob.waitForFunction(() => document.getElementById("room-name").textContent === "#games");
    await bob.fill("#text", "anyone?");
    await bob.press("#text", "Enter");
    await alice.click('button[data-room="games"]');
    await alice.waitForFunction(() => [...document.querySelectorAll(".message")]
      .some((li) => li.textContent.includes("anyone?")));
  });

  await scenario("the seed chat on socket.io-client 2.x and 4.x exchange channel/broadcast", async () => {
    const v2 = await open("/seed.html?client=2");
    const v4 = await open("/seed.html?client=4");
    await connected(v2);
    await connected(v4);
    expect(await v2.evaluate(() => typeof io === "function" && io.protocol === 4), "the 2.x client (protocol 4)");
    expect(await v4.evaluate(() => typeof io === "function"
      && !!document.querySelector('script[src="/socket.io/socket.io.js"]')), "the 4.x client");
    await v2.fill("#text", "from the 2.x page");
    await v2.press("#text", "Enter");
    await v4.waitForSelector("text=from the 2.x page", { timeout: 5000 });
    await v4.fill("#text", "from the 4.x page");
    await v4.press("#text", "Enter");
    await v2.waitForSelector("text=from the 4.x page", { timeout: 5000 });
  });

  await scenario("the raw WebSocket echo page round-trips", async () => {
    const ws = await open("/ws.html?example=echo");
    await connected(ws);
    await ws.fill("#text", "echo me");
    await ws.press("#text", "Enter");
    await ws.waitForSelector("text=echo me", { timeout: 5000 });
  });

  await scenario("no page raised a script error", async () => {
    expect(errors.length === 0, "no errors, got " + JSON.stringify(errors));
  });

  if (alice) await alice.screenshot({ path: screenshot, fullPage: true });
  await browser.close();
  finish();
})().catch((e) => { console.log("FAIL setup: " + e.message); process.exit(1); });
