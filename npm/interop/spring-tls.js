// socket.io-client 4.x over TLS against the Spring Boot test application (server.ssl.*, a self-signed
// certificate): REST and Socket.IO on one HTTPS port. usage: node interop/spring-tls.js <https-url>
"use strict";
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // the test certificate is self-signed
const { io } = require("socket.io-client");
const { once, expectEqual, scenario, finish, ack } = require("./support");

const [url] = process.argv.slice(2);
const opened = [];
const client = (transports) => {
  const s = io(url, { transports, forceNew: true, reconnection: false, rejectUnauthorized: false });
  opened.push(s);
  return s;
};

// a TLS handshake on a cold, busy test machine may take a while: a longer deadline than support's 3 s
async function connected(s) {
  if (!s.connected) await once(s, "connect", 9000);
  return s;
}

(async () => {
  await scenario("the REST endpoint answers over HTTPS", async () => {
    const res = await fetch(url + "/api/hello");
    expectEqual(await res.json(), { hello: "rest" }, "body");
  });

  for (const t of [["polling"], ["websocket"], undefined]) {
    await scenario("Socket.IO over TLS with " + (t ? t[0] : "the upgrade"), async () => {
      const s = await connected(client(t));
      if (!t && s.io.engine.transport.name !== "websocket") await once(s.io.engine, "upgrade", 5000);
      expectEqual(s.io.engine.transport.name, t ? t[0] : "websocket", "transport");
      expectEqual(await ack(s, "sum", 20, 22), [42], "sum");
    });
  }

  for (const s of opened) s.disconnect();
  finish();
})();
