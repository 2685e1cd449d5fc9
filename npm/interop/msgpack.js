// Scenarios for socket.io-client 4.8 with socket.io-msgpack-parser against our server configured with the
// MessagePack parser (see MsgpackClientInteropTest for the server side).
// usage: node interop/msgpack.js <url> <polling|websocket|default>
"use strict";
const { io } = require("socket.io-client");
const parser = require("socket.io-msgpack-parser");
const { once, expect, expectEqual, scenario, finish, ack, connected, clients } = require("./support");

const [url, mode] = process.argv.slice(2);
const transports = mode === "default" ? undefined : [mode];
const client = clients((u, opts) => io(u, { ...opts, parser }), url, transports);
const opened = client.opened;

(async () => {
  await scenario("connects with an auth payload the server can read", async () => {
    const s = client("/", { auth: { token: "abc" } });
    const [auth] = await once(s, "auth");
    expectEqual(auth, { token: "abc" }, "auth");
  });

  await scenario("mixed and binary arguments come back unchanged through an acknowledgement", async () => {
    const s = await connected(client("/"));
    const bin = Buffer.from([0, 1, 2, 253, 254, 255]);
    const args = await ack(s, "echo", 1, "two", { three: [true, null, 3.5] }, bin,
      { nested: { file: Buffer.alloc(70000, 7), list: [Buffer.from([9]), "x"] } }, -2147483649, 4294967296);
    expectEqual(args.slice(0, 3), [1, "two", { three: [true, null, 3.5] }], "plain arguments");
    expect(Buffer.isBuffer(args[3]) && args[3].equals(bin), "binary argument");
    expect(Buffer.isBuffer(args[4].nested.file) && args[4].nested.file.length === 70000
      && args[4].nested.file[69999] === 7, "large nested binary");
    expect(args[4].nested.list[0][0] === 9 && args[4].nested.list[1] === "x", "binary in an array");
    expectEqual(args.slice(5), [-2147483649, 4294967296], "64-bit integers");
  });

  await scenario("an ArrayBuffer and a Date arrive as binary and as text", async () => {
    const s = await connected(client("/"));
    const [kind, bytes, date] = await ack(s, "kinds", new Uint8Array([4, 5, 6]).buffer,
      new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789)));
    expectEqual(kind, ["binary", "string"], "kinds seen by the server");
    expect(Buffer.isBuffer(bytes) && bytes.equals(Buffer.from([4, 5, 6])), "the bytes");
    expectEqual(date, "2024-02-29T12:34:56.789Z", "the date");
  });

  await scenario("utf-8 text survives the round trip", async () => {
    const s = await connected(client("/"));
    const text = "てすと Я Б Г Ä ä ß — 😀 \u2028" + "x".repeat(300);
    expectEqual(await ack(s, "echo", text), [text], "text");
  });

  await scenario("the server's acknowledgement request with binary is answered with binary", async () => {
    const s = await connected(client("/"));
    s.on("question", (n, bytes, cb) => cb(n + 1, Buffer.from(bytes).reverse()));
    s.emit("ask");
    const [answer, bytes] = await once(s, "answer");
    expectEqual(answer, 21, "answer");
    expect(Buffer.isBuffer(bytes) && bytes.equals(Buffer.from([3, 2, 1])), "reversed bytes back");
  });

  await scenario("a server acknowledgement times out when the client does not answer", async () => {
    const s = await connected(client("/"));
    s.on("question-ignored", () => {});
    s.emit("ask-unanswered");
    const [what] = await once(s, "timed-out");
    expectEqual(what, "TimeoutException", "failure");
  });

  await scenario("namespaces, unknown namespaces and middleware refusals", async () => {
    const chat = client("/chat");
    const [id] = await once(chat, "hello-chat");
    expectEqual(id, chat.id, "id seen by the server");
    const [err] = await once(client("/nope"), "connect_error");
    expectEqual(err.message, "Invalid namespace", "error");
    const [refused] = await once(client("/private"), "connect_error");
    expectEqual(refused.message, "forbidden", "message");
    expectEqual(refused.data, { code: 42 }, "data");
  });

  await scenario("a broadcast with binary reaches every client", async () => {
    const a = await connected(client("/"));
    const b = await connected(client("/"));
    const got = Promise.all([once(a, "news"), once(b, "news")]);
    a.emit("broadcast", "hi");
    for (const [text, bytes] of await got) {
      expectEqual(text, "hi", "text");
      expect(Buffer.isBuffer(bytes) && bytes.equals(Buffer.from([42])), "bytes");
    }
  });

  await scenario("the server disconnects a socket", async () => {
    const s = await connected(client("/"));
    s.emit("kick-me");
    const [reason] = await once(s, "disconnect");
    expectEqual(reason, "io server disconnect", "reason");
  });

  await scenario("malformed MessagePack closes the client with a parse error", async () => {
    const bad = await connected(client("/"));
    const id = bad.id;
    bad.io.engine.send(Buffer.from([0xc1]));
    await once(bad, "disconnect");
    const other = await connected(client("/"));
    expectEqual(await ack(other, "reason-of", id), ["parse error"], "reason on the server");
  });

  await scenario("a text message closes the client with a parse error", async () => {
    const bad = await connected(client("/"));
    const id = bad.id;
    bad.io.engine.send('2["hello"]');
    await once(bad, "disconnect");
    const other = await connected(client("/"));
    expectEqual(await ack(other, "reason-of", id), ["parse error"], "reason on the server");
  });

  for (const s of opened) s.close();
  finish();
})();
