// Scenarios for engine.io-client 6.x (protocol v4) and 3.x (protocol v3) against our Engine.IO server
// (see EngineIoClientInteropTest for the server side: it echoes, and answers "push-binary" and "close-me").
// usage: node interop/eio.js <url> <v4|v3> <polling|websocket|default>
"use strict";
const { once, expect, expectEqual, scenario, finish, within } = require("./support");

const [url, version, mode] = process.argv.slice(2);
const transports = mode === "default" ? ["polling", "websocket"] : [mode];
const v3 = version === "v3";
const Socket = v3 ? require("engine.io-client-v3") : require("engine.io-client").Socket;
const opened = [];

function socket(opts = {}) {
  const s = new Socket(url, { transports, upgrade: mode === "default", ...opts });
  opened.push(s);
  return s;
}

function messages(s) {
  const got = [];
  s.on("message", (m) => got.push(m));
  return got;
}

function until(cond, what, ms = 5000) {
  return within(ms, new Promise((resolve) => {
    const t = setInterval(() => { if (cond()) { clearInterval(t); resolve(); } }, 5);
  }), what);
}

(async () => {
  await scenario("opens and echoes text", async () => {
    const s = socket();
    const got = messages(s);
    await once(s, "open");
    expectEqual(s.transport.name, mode === "websocket" ? "websocket" : "polling", "first transport");
    s.send("hello");
    s.send("ünïcödé 😀");
    await until(() => got.length >= 2, "echoes");
    expectEqual(got, ["hello", "ünïcödé 😀"], "echoes");
  });

  await scenario("binary travels both ways", async () => {
    const s = socket();
    const got = messages(s);
    await once(s, "open");
    s.send(Buffer.from([0, 1, 2, 255]));
    s.send("push-binary");
    await until(() => got.length >= 2, "binary echo and push");
    const echo = Buffer.from(got[0]);
    expect(echo.equals(Buffer.from([0, 1, 2, 255])), "the same bytes back, got " + echo.toString("hex"));
    expectEqual(Buffer.from(got[1]).toString("hex"), "cafebabe", "server bytes");
  });

  if (mode === "default") {
    await scenario("upgrades to WebSocket with messages flowing during the upgrade, none lost", async () => {
      const s = socket();
      const got = messages(s);
      const n = 300;
      await once(s, "open");
      let i = 0;
      const timer = setInterval(() => { for (let k = 0; k < 5 && i < n; k++) s.send("m" + i++); if (i >= n) clearInterval(timer); }, 2);
      await until(() => got.length >= n, n + " echoes", 10000);
      expectEqual(got, Array.from({ length: n }, (_, k) => "m" + k), "order");
      if (s.transport.name !== "websocket") await once(s, "upgrade");
      expectEqual(s.transport.name, "websocket", "transport");
    });
  }

  await scenario("the server's close reaches the client", async () => {
    const s = socket();
    await once(s, "open");
    const closed = once(s, "close");
    s.send("close-me");
    await closed;
  });

  await scenario("the heartbeat keeps an idle connection open", async () => {
    const s = socket();
    await once(s, "open");
    let closed = false;
    s.on("close", () => { closed = true; });
    await new Promise((r) => setTimeout(r, 800)); // several ping intervals of the test server
    expect(!closed, "still open");
    s.send("still here");
    await once(s, "message");
  });

  await scenario("a client that stops answering heartbeats is closed by the server", async () => {
    const s = socket();
    await once(s, "open");
    const sid = s.id;
    if (v3) {
      s.ping = () => {};            // v3: the client pings; stop doing it
      clearTimeout(s.pingIntervalTimer);
    } else {
      // v4: the server pings; drop the client's pongs (and let it keep its own timer quiet)
      s._sendPacket = ((orig) => function (type, ...rest) { if (type !== "pong") return orig.call(this, type, ...rest); })(s._sendPacket);
      s._resetPingTimeout = () => {};
      // and the timer armed at open, which would otherwise race the server's verdict (both ~500 ms)
      s.clearTimeoutFn(s._pingTimeoutTimer);
      s._pingTimeoutTime = Infinity;
    }
    // the server's verdict, asked on a second connection
    const probe = socket();
    await once(probe, "open");
    const deadline = Date.now() + 5000;
    let reason = null;
    while (!reason && Date.now() < deadline) {
      probe.send("reason-of:" + sid);
      const [m] = await once(probe, "message");
      if (m !== "none") reason = m;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expectEqual(reason, "ping timeout", "server-side close reason");
  });

  opened.forEach((s) => s.close());
  finish();
})();
