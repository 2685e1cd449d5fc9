// Scenarios for socket.io-client 4.x against our server (see SocketIoClientInteropTest for the server side).
// usage: node interop/sio4.js <url> <polling|websocket|default>
"use strict";
const { io } = require("socket.io-client");
const { once, expect, expectEqual, scenario, finish, within, ack, connected, clients } = require("./support");

const [url, mode] = process.argv.slice(2);
const transports = mode === "default" ? undefined : [mode];
const client = clients(io, url, transports);
const opened = client.opened;

(async () => {
  await scenario("connects with an auth payload the server can read", async () => {
    const s = client("/", { auth: { token: "abc" } });
    const [auth] = await once(s, "auth");
    expectEqual(auth, { token: "abc" }, "auth");
    expect(s.id && s.id !== s.io.engine.id, "a socket id distinct from the Engine.IO id");
  });

  await scenario("emits buffered before the connection are delivered after it", async () => {
    const s = client("/");
    const acked = new Promise((resolve) => s.emit("echo", "early", (...a) => resolve(a)));
    expectEqual(await within(3000, acked, "ack"), ["early"], "echo");
  });

  await scenario("mixed and binary arguments come back unchanged", async () => {
    const s = await connected(client("/"));
    const bin = Buffer.from([0, 1, 2, 253, 254, 255]);
    const args = await ack(s, "echo", 1, "two", { three: [true, null, 3.5] }, bin,
      { nested: { file: Buffer.from("hello"), list: [Buffer.from([9]), "x"] } });
    expectEqual(args.slice(0, 3), [1, "two", { three: [true, null, 3.5] }], "plain arguments");
    expect(Buffer.isBuffer(args[3]) && args[3].equals(bin), "binary argument");
    expect(args[4].nested.file.toString() === "hello", "nested binary");
    expect(args[4].nested.list[0][0] === 9 && args[4].nested.list[1] === "x", "binary in an array");
  });

  await scenario("utf-8 text survives the round trip", async () => {
    const s = await connected(client("/"));
    const text = "てすと Я Б Г Ä ä ß — 😀 \u2028";
    expectEqual(await ack(s, "echo", text), [text], "text");
  });

  await scenario("the server's acknowledgement request is answered", async () => {
    const s = await connected(client("/"));
    s.on("question", (n, cb) => cb(n + 1));
    s.emit("ask");
    const [answer] = await once(s, "answer");
    expectEqual(answer, 21, "answer");
  });

  await scenario("a server acknowledgement times out when the client does not answer", async () => {
    const s = await connected(client("/"));
    s.on("question-ignored", () => {});
    s.emit("ask-unanswered");
    const [what] = await once(s, "timed-out");
    expectEqual(what, "TimeoutException", "failure");
  });

  await scenario("a client acknowledgement times out when the server does not answer", async () => {
    const s = await connected(client("/"));
    let rejected = false;
    try { await s.timeout(200).emitWithAck("no-such-event"); } catch (e) { rejected = true; }
    expect(rejected, "a rejected emitWithAck");
  });

  await scenario("namespaces get their own socket and unknown ones are refused", async () => {
    const main = await connected(client("/"));
    const chat = client("/chat");
    const [id] = await once(chat, "hello-chat");
    expectEqual(id, chat.id, "id seen by the server");
    expect(chat.id !== main.id, "a different id per namespace");
    const nope = client("/nope");
    const [err] = await once(nope, "connect_error");
    expectEqual(err.message, "Invalid namespace", "error");
  });

  await scenario("middleware refusal arrives with message and data", async () => {
    const s = client("/private");
    const [err] = await once(s, "connect_error");
    expectEqual(err.message, "forbidden", "message");
    expectEqual(err.data, { code: 42 }, "data");
  });

  await scenario("dynamic namespaces are created on demand", async () => {
    const s = client("/dyn-17");
    const [name] = await once(s, "dyn");
    expectEqual(name, "/dyn-17", "namespace");
  });

  await scenario("rooms and broadcast operators reach exactly the right sockets", async () => {
    const a = await connected(client("/")), b = await connected(client("/")), c = await connected(client("/"));
    await a.emitWithAck("join", "r1");
    await b.emitWithAck("join", "r1");
    await b.emitWithAck("join", "r2");
    await c.emitWithAck("join", "r2");
    const got = { a: [], b: [], c: [] };
    for (const [k, s] of Object.entries({ a, b, c })) s.on("room-news", (tag) => got[k].push(tag));
    await a.emitWithAck("to-room", { rooms: ["r1"], tag: "r1" });
    await a.emitWithAck("to-room", { rooms: ["r1", "r2"], tag: "r1+r2" });
    await a.emitWithAck("to-room", { rooms: ["r2"], except: ["r1"], tag: "r2-r1" });
    await a.emitWithAck("to-room", { broadcastFromSender: true, tag: "others" });
    await a.emitWithAck("sync");
    await b.emitWithAck("sync");
    await c.emitWithAck("sync");
    expectEqual(got.a, ["r1", "r1+r2"], "a");
    expectEqual(got.b, ["r1", "r1+r2", "others"], "b");
    expectEqual(got.c, ["r1+r2", "r2-r1", "others"], "c");
    const ids = await a.emitWithAck("fetch", "r2");
    expectEqual(ids.sort(), [b.id, c.id].sort(), "fetchSockets");
  });

  await scenario("a broadcast with acknowledgements collects every answer", async () => {
    const a = await connected(client("/")), b = await connected(client("/"));
    for (const s of [a, b]) { await s.emitWithAck("join", "poll-room"); s.on("poll", (cb) => cb(s === a ? 1 : 2)); }
    const [count, sum] = await ack(a, "poll-room");
    expectEqual([count, sum], [2, 3], "answers");
  });

  await scenario("onAny sees incoming events", async () => {
    const s = await connected(client("/"));
    s.emit("something", 1);
    const seen = await s.emitWithAck("any-log");
    expect(seen.includes("something"), "'something' in " + JSON.stringify(seen));
  });

  await scenario("an event middleware refuses an event: no listener runs, the error listener hears why", async () => {
    const s = await connected(client("/"));
    const refused = once(s, "refused");
    let answered = false;
    s.emit("admin:wipe", () => { answered = true; });
    expectEqual(await refused, ["unauthorized event admin:wipe"], "the error the server's listener got");
    expectEqual(await ack(s, "echo", "after"), ["after"], "a later event goes through");
    expectEqual(await ack(s, "later-echo", "async"), ["async"], "an event a middleware lets go later");
    expect(!answered, "the refused event's listener did not answer");
  });

  await scenario("server-side disconnect reaches the client", async () => {
    const s = await connected(client("/"));
    s.emit("kick-me");
    const [reason] = await once(s, "disconnect");
    expectEqual(reason, "io server disconnect", "reason");
  });

  await scenario("the client reconnects after a dropped connection", async () => {
    const s = io(url, { transports, forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 100 });
    opened.push(s);
    await connected(s);
    const firstId = s.id;
    const gone = once(s, "disconnect");
    const back = gone.then(() => once(s, "connect", 5000));
    s.io.engine.close(); // the connection goes away without a DISCONNECT packet
    await gone;
    await back;
    expect(s.id !== firstId, "a new socket id");
    const serverReason = await s.emitWithAck("reason-of", firstId);
    expectEqual(serverReason, "transport close", "server-side reason");
  });

  await scenario("the server closing the connection makes the client reconnect by itself", async () => {
    const s = io(url, { transports, forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 100 });
    opened.push(s);
    await connected(s);
    const firstId = s.id;
    const gone = once(s, "disconnect");
    const back = gone.then(() => once(s, "connect", 5000));
    s.emit("drop-me");
    const [reason] = await gone;
    expectEqual(reason, "transport close", "client-side reason");
    await back;
    expectEqual(await s.emitWithAck("reason-of", firstId), "forced close", "server-side reason");
  });

  await scenario("disconnect(true) ends every namespace of the connection and the client stays away", async () => {
    const s = await connected(client("/", { reconnection: true, reconnectionDelay: 50 }));
    const chat = s.io.socket("/chat");
    await once(chat, "hello-chat");
    const mainGone = once(s, "disconnect");
    const chatGone = once(chat, "disconnect");
    s.emit("end-all");
    expectEqual((await mainGone)[0], "io server disconnect", "main namespace");
    expectEqual((await chatGone)[0], "io server disconnect", "other namespace");
    expect(!s.active && !chat.active, "neither socket will reconnect");
  });

  await scenario("a catch-all answers with the event name before its arguments", async () => {
    const s = await connected(client("/"));
    s.emit("any:thing", 1, { two: [2] }, Buffer.from([3]));
    const [event, one, two, three] = await once(s, "seen");
    expectEqual([event, one, two], ["any:thing", 1, { two: [2] }], "event and arguments");
    expect(Buffer.isBuffer(three) && three[0] === 3, "binary stays binary");
  });

  await scenario("numbers come back as JavaScript computes them", async () => {
    const s = await connected(client("/"));
    expectEqual(await ack(s, "add", 40, 2), [42], "integral sum");
    expectEqual(await ack(s, "add", 0.5, 0.25), [0.75], "fractional sum");
  });

  if (mode === "default") {
    await scenario("the connection upgrades to WebSocket while events flow", async () => {
      const s = client("/");
      const n = 200;
      const received = [];
      s.on("seq", (i) => received.push(i));
      s.on("connect", () => { for (let i = 0; i < n; i++) s.emit("seq", i); });
      await within(8000, new Promise((resolve) => {
        const check = setInterval(() => { if (received.length >= n) { clearInterval(check); resolve(); } }, 10);
      }), n + " echoes");
      expectEqual(received, Array.from({ length: n }, (_, i) => i), "order");
      if (s.io.engine.transport.name !== "websocket") await once(s.io.engine, "upgrade");
      expectEqual(s.io.engine.transport.name, "websocket", "transport");
    });
  }

  opened.forEach((s) => s.close());
  finish();
})();
