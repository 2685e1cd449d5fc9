// engine.io-client 6.x with withCredentials against our server with its session cookie on (see
// SessionCookieInteropTest: it echoes, and records the Cookie header of every request it reads).
// usage: node interop/eio-cookie.js <url>
"use strict";
const { once, expectEqual, scenario, finish } = require("./support");
const { Socket } = require("engine.io-client");

const [url] = process.argv.slice(2);

(async () => {
  await scenario("keeps the session cookie and sends it back on polls and on the upgrade", async () => {
    const s = new Socket(url, { withCredentials: true, transports: ["polling", "websocket"] });
    await once(s, "open");
    expectEqual(s.transport.name, "polling", "first transport");
    s.send("over polling");
    expectEqual((await once(s, "message"))[0], "over polling", "echo");
    if (s.transport.name !== "websocket") await once(s, "upgrade");
    s.send("over websocket");
    expectEqual((await once(s, "message"))[0], "over websocket", "echo after the upgrade");
    s.close();
  });
  finish();
})();
