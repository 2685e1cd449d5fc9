// engine.io-client 6.x over WebSocket with permessage-deflate: prints the negotiated extensions and checks a
// large message and many small ones echo back unchanged. usage: node interop/eio-deflate.js <url>
"use strict";
const { Socket } = require("engine.io-client");
const { once, expectEqual, scenario, finish, within } = require("./support");

const [url] = process.argv.slice(2);

(async () => {
  await scenario("messages round-trip compressed", async () => {
    const s = new Socket(url, { transports: ["websocket"], perMessageDeflate: { threshold: 0 } });
    await once(s, "open");
    console.log("EXTENSIONS " + Object.keys(s.transport.ws._extensions || {}).join(","));
    const big = "compress me ".repeat(2000);
    const got = [];
    s.on("message", (m) => got.push(m));
    s.send(big);
    for (let i = 0; i < 50; i++) s.send("small " + i);
    await within(5000, new Promise((r) => { const t = setInterval(() => { if (got.length >= 51) { clearInterval(t); r(); } }, 5); }), "echoes");
    expectEqual(got[0], big, "large message");
    expectEqual(got.slice(1), Array.from({ length: 50 }, (_, i) => "small " + i), "small messages");
    s.close();
  });
  finish();
})();
