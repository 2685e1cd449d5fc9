// Scenarios for socket.io-client 4.x against the Spring Boot test application (see the
// spring-boot-autoconfigure module's SamePortInteropTest): Socket.IO and a REST endpoint on one port,
// annotated controllers, middleware beans.
// usage: node interop/spring.js <url> <polling|websocket|default> [rest-url]
// (rest-url: where the REST endpoint is when Socket.IO has its own port; the url by default)
"use strict";
const { io } = require("socket.io-client");
const { once, expect, expectEqual, scenario, finish, ack, connected, clients, within } = require("./support");

const [url, mode, restArg] = process.argv.slice(2);
const rest = restArg || url;
const transports = mode === "default" ? undefined : [mode];
const client = clients(io, url, transports);

(async () => {
  await scenario("the REST endpoint answers", async () => {
    const res = await fetch(rest + "/api/hello");
    expectEqual(res.status, 200, "status");
    expectEqual(await res.json(), { hello: "rest" }, "body");
  });

  await scenario("other paths reach the web application untouched", async () => {
    const res = await fetch(rest + "/nothing-here");
    expectEqual(res.status, 404, "status");
  });

  await scenario("the client bundle is served on the same port", async () => {
    const res = await fetch(url + "/socket.io/socket.io.min.js");
    expectEqual(res.status, 200, "status");
    expect((await res.text()).length > 1000, "a bundle");
  });

  await scenario("connects and the connect handler greets", async () => {
    const s = client("/");
    const [id] = await once(s, "welcome");
    await connected(s);
    expectEqual(id, s.id, "socket id");
    if (mode === "default") {
      if (s.io.engine.transport.name !== "websocket") await once(s.io.engine, "upgrade", 5000);
      expectEqual(s.io.engine.transport.name, "websocket", "transport after the upgrade");
    } else {
      expectEqual(s.io.engine.transport.name, mode, "transport");
    }
  });

  await scenario("a record payload is converted and the return value answers", async () => {
    const s = await connected(client("/"));
    expectEqual(await ack(s, "greet", { name: "Ann", age: 3 }), [{ text: "hello Ann (3)" }], "reply");
  });

  await scenario("several arguments by position", async () => {
    const s = await connected(client("/"));
    expectEqual(await ack(s, "sum", 2, 40), [42], "sum");
  });

  await scenario("a CompletableFuture answers when it completes", async () => {
    const s = await connected(client("/"));
    expectEqual(await ack(s, "later", "x"), ["later x"], "reply");
  });

  await scenario("a Mono answers when it completes", async () => {
    const s = await connected(client("/"));
    expectEqual(await ack(s, "mono", "y"), [{ text: "mono y" }], "reply");
  });

  await scenario("binary in and out", async () => {
    const s = await connected(client("/"));
    const [out] = await ack(s, "bytes", Buffer.from([1, 2, 3, 255]));
    expect(Buffer.isBuffer(out) && out.equals(Buffer.from([255, 3, 2, 1])), "reversed bytes, got " + JSON.stringify(out));
  });

  await scenario("an argument that does not convert is answered with an error", async () => {
    const s = await connected(client("/"));
    const [res] = await ack(s, "greet", "not an object");
    expectEqual(res.error, "bad_argument", "code");
    expectEqual(res.message, "argument 0 is not a Greeting", "message");
    expectEqual(await ack(s, "sum", 1, 1), [2], "the connection still works");
  });

  await scenario("a payload that fails validation is answered with its violations", async () => {
    const s = await connected(client("/"));
    const [res] = await ack(s, "greet", { name: " ", age: -1 });
    expectEqual(res.error, "invalid", "code");
    expectEqual(res.violations.map((v) => v.path), ["age", "name"], "violations");
  });

  await scenario("an exception is answered without its internals", async () => {
    const s = await connected(client("/"));
    expectEqual(await ack(s, "boom"), [{ error: "internal", message: "internal error", violations: [] }], "reply");
    expectEqual(await ack(s, "refuse"), [{ error: "failed", message: "not today", violations: [] }], "reply");
  });

  await scenario("rooms and broadcast", async () => {
    const a = await connected(client("/"));
    const b = await connected(client("/"));
    await ack(a, "join", "r1");
    await ack(b, "join", "r1");
    const heard = once(b, "said");
    a.emit("say", "r1", "hi");
    expectEqual(await heard, ["hi"], "broadcast");
  });

  await scenario("the catch-all sees events no handler takes", async () => {
    const s = await connected(client("/"));
    const seen = once(s, "unhandled");
    s.emit("no-such-event", 1);
    expectEqual(await seen, ["no-such-event"], "event name");
  });

  await scenario("a middleware bean refuses with connect_error, message and data", async () => {
    const s = client("/secure", { auth: { token: "wrong" } });
    const [err] = await once(s, "connect_error");
    expectEqual(err.message, "unauthorized", "message");
    expectEqual(err.data, { code: 401 }, "data");
  });

  await scenario("the auth payload reaches the connect handler as a record", async () => {
    const s = await connected(client("/secure", { auth: { token: "let-me-in", user: "zoe" } }));
    expectEqual(await ack(s, "whoami"), ["zoe"], "user");
  });

  await scenario("a controller of a namespace pattern serves dynamic namespaces", async () => {
    const s = await connected(client("/room-42"));
    expectEqual(await ack(s, "where"), ["/room-42"], "namespace");
  });

  await scenario("a client disconnect reaches the disconnect handler", async () => {
    const s = await connected(client("/"));
    s.disconnect();
    const res = await within(3000, fetch(rest + "/api/hello"), "rest");
    expectEqual(res.status, 200, "still serving");
  });

  for (const s of client.opened) s.disconnect();
  finish();
})();
