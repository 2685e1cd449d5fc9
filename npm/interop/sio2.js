// Scenarios for socket.io-client 2.x (protocol v4 over Engine.IO v3) against our server
// (see LegacyClientInteropTest for the server side). usage: node interop/sio2.js <url> <polling|websocket|default>
"use strict";
const io = require("socket.io-client-v2");
const { once, expect, expectEqual, scenario, finish, within, ack, connected, clients } = require("./support");

const [url, mode] = process.argv.slice(2);
const transports = mode === "default" ? ["polling", "websocket"] : [mode];
const client = clients(io, url, transports);
const opened = client.opened;

(async () => {
  await scenario("connects to the main namespace without asking, with the Engine.IO id", async () => {
    const s = client("/");
    const greeted = once(s, "hello");
    await connected(s);
    expectEqual(s.id, s.io.engine.id, "socket id");
    const [hello] = await greeted;
    expectEqual(hello, s.id, "id seen by the server");
  });

  await scenario("events and acknowledgements both ways", async () => {
    const s = await connected(client("/"));
    expectEqual(await ack(s, "echo", 1, "two", { three: [true, null] }), [1, "two", { three: [true, null] }], "echo");
    s.on("question", (n, cb) => cb(n * 2));
    s.emit("ask");
    const [answer] = await once(s, "answer");
    expectEqual(answer, 42, "answer");
  });

  await scenario("binary both ways", async () => {
    const s = await connected(client("/"));
    const bin = Buffer.from([1, 2, 3, 254, 255]);
    const [back, nested] = await ack(s, "echo", bin, { file: Buffer.from("v2") });
    expect(Buffer.isBuffer(back) && back.equals(bin), "the same bytes back");
    expectEqual(nested.file.toString(), "v2", "nested binary");
    s.emit("send-me-bytes");
    const [bytes] = await once(s, "bytes");
    expect(Buffer.isBuffer(bytes) && bytes.toString() === "asdfasdf", "server bytes");
  });

  await scenario("a namespace with its query string as auth", async () => {
    const s = client("/chat?token=abc");
    const [auth, id] = await once(s, "chat-auth");
    expectEqual(auth, { token: "abc" }, "auth");
    expectEqual(id, "/chat#" + s.io.engine.id, "socket id");
  });

  await scenario("middleware refusal arrives as an error", async () => {
    const s = client("/private");
    const [err] = await once(s, "error");
    expectEqual(err, "forbidden", "error");
  });

  await scenario("a broadcast from one client reaches the others", async () => {
    const a = await connected(client("/")), b = await connected(client("/"));
    const got = once(b, "channel-news");
    a.emit("channel", "hello from 2.x");
    const [text] = await got;
    expectEqual(text, "hello from 2.x", "broadcast");
  });

  opened.forEach((s) => s.close());
  finish();
})();
