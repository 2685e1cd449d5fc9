// Scenarios of the admin namespace protocol (@socket.io/admin-ui 0.5) with socket.io-client 4.x against our
// server (see AdminUiProtocolTest for the server side).
// usage: node interop/admin-ui.js <url of a server with basic auth admin/changeit> <url of a read-only server without auth>
"use strict";
const { io } = require("socket.io-client");
const { once, within, expect, expectEqual, scenario, finish, ack, connected, clients } = require("./support");

const [url, readonlyUrl] = process.argv.slice(2);
const client = clients(io, url);
const readonlyClient = clients(io, readonlyUrl);
const credentials = { username: "admin", password: "changeit" };

// Records every event of a socket from its creation on, and waits for the next one that matches.
function recorder(s) {
  const seen = [];
  const waiters = [];
  s.onAny((event, ...args) => {
    seen.push({ event, args });
    for (const w of [...waiters]) {
      if (w.event === event && w.match(args)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(args);
      }
    }
  });
  return {
    seen,
    next(event, match = () => true, ms = 3000) {
      const earlier = seen.find((e) => e.event === event && !e.taken && match(e.args));
      if (earlier) {
        earlier.taken = true;
        return Promise.resolve(earlier.args);
      }
      return within(ms, new Promise((resolve) => waiters.push({ event, match, resolve })), "'" + event + "'");
    },
  };
}

const ALL_FEATURES = ["EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT",
  "AGGREGATED_EVENTS", "ALL_EVENTS"];

(async () => {
  await scenario("an admin client without credentials is refused", async () => {
    const admin = client("/admin");
    const [err] = await once(admin, "connect_error");
    expectEqual(err.message, "invalid credentials", "error");
  });

  await scenario("an admin client with a wrong password or user name is refused", async () => {
    const wrongPassword = client("/admin", { auth: { username: "admin", password: "guess" } });
    const [err] = await once(wrongPassword, "connect_error");
    expectEqual(err.message, "invalid credentials", "error");
    const wrongUser = client("/admin", { auth: { username: "root", password: "changeit" } });
    const [err2] = await once(wrongUser, "connect_error");
    expectEqual(err2.message, "invalid credentials", "error");
  });

  let sessionId;
  await scenario("an admin client with the right credentials gets a session, the config, all sockets and server stats", async () => {
    const admin = client("/admin", { auth: credentials });
    const rec = recorder(admin);
    await connected(admin);
    [sessionId] = await rec.next("session");
    expect(/^[0-9a-f]{16}$/.test(sessionId), "a session id of 16 hex digits, got " + sessionId);
    const [config] = await rec.next("config");
    expectEqual(config, { supportedFeatures: ALL_FEATURES }, "config");
    const [sockets] = await rec.next("all_sockets");
    const self = sockets.find((s) => s.id === admin.id);
    expect(self && self.nsp === "/admin", "the admin socket itself in all_sockets: " + JSON.stringify(sockets));
    expectEqual(self.rooms, [admin.id], "its rooms");
    expectEqual(self.clientId, admin.io.engine.id.substring(0, 12), "clientId: the start of the connection id");
    expect(self.handshake.address && self.handshake.query.EIO === "4" && !("auth" in self.handshake),
      "a handshake without the credentials: " + JSON.stringify(self.handshake));
    // statistics are sent periodically: one computed while this socket was still joining does not count it
    const counted = ([s]) => s.namespaces.some((n) => n.name === "/admin" && n.socketsCount >= 1);
    const [stats] = await rec.next("server_stats", counted);
    const nsp = stats.namespaces.find((n) => n.name === "/admin");
    expectEqual(stats.serverId, "test-server", "serverId");
    expect(typeof stats.hostname === "string" && stats.pid > 0 && stats.uptime > 0, "hostname, pid, uptime");
    expect(stats.clientsCount >= 1 && stats.pollingClientsCount >= 0, "client counts: " + JSON.stringify(stats));
    expect(Array.isArray(stats.aggregatedEvents), "aggregatedEvents");
    expect(nsp && nsp.socketsCount >= 1, "the admin namespace with its socket: " + JSON.stringify(stats.namespaces));
  });

  await scenario("the session id lets the admin client back in without the password", async () => {
    const admin = client("/admin", { auth: { sessionId } });
    const rec = recorder(admin);
    await connected(admin);
    await rec.next("config");
    expect(!rec.seen.some((e) => e.event === "session"), "no new session");
    const forged = client("/admin", { auth: { sessionId: "0123456789abcdef" } });
    const [err] = await once(forged, "connect_error");
    expectEqual(err.message, "invalid credentials", "an unknown session id");
  });

  await scenario("the admin sees a client connect, upgrade, join a room, emit, get an answer, leave and disconnect", async () => {
    const admin = await connected(client("/admin", { auth: credentials }));
    const rec = recorder(admin);
    const c = client("/");
    await connected(c);
    const [sock, ts] = await rec.next("socket_connected", ([s]) => s.id === c.id);
    expectEqual([sock.nsp, sock.rooms, sock.data], ["/", [c.id], {}], "the socket");
    expectEqual(sock.clientId, c.io.engine.id.substring(0, 12), "clientId");
    expect(typeof ts === "string" && !isNaN(Date.parse(ts)), "an ISO timestamp: " + ts);
    // the client starts on polling and upgrades; the upgrade may have finished before the socket joined
    if (sock.transport === "polling") {
      const [upd] = await rec.next("socket_updated", ([u]) => u.id === c.id, 5000);
      expectEqual(upd, { id: c.id, nsp: "/", transport: "websocket" }, "the upgrade");
    } else {
      expectEqual(sock.transport, "websocket", "transport");
    }

    c.emit("join-room", "blue");
    const joined = await rec.next("room_joined", ([, room, id]) => room === "blue" && id === c.id);
    expectEqual(joined.slice(0, 3), ["/", "blue", c.id], "room_joined");

    expectEqual(await ack(c, "hello", "world"), ["ok"], "the server's answer");
    const received = await rec.next("event_received", ([, id, args]) => id === c.id && args[0] === "hello");
    expectEqual(received.slice(0, 3), ["/", c.id, ["hello", "world"]], "event_received");
    const sent = await rec.next("event_sent", ([, id]) => id === c.id);
    expectEqual(sent.slice(0, 3), ["/", c.id, ["hi", "world"]], "event_sent");

    c.emit("leave-room", "blue");
    const left = await rec.next("room_left", ([, room, id]) => room === "blue" && id === c.id);
    expectEqual(left.slice(0, 3), ["/", "blue", c.id], "room_left");

    const cid = c.id; // the client forgets it on disconnection
    c.disconnect();
    const gone = await rec.next("socket_disconnected", ([, id]) => id === cid);
    expectEqual(gone.slice(0, 3), ["/", cid, "client namespace disconnect"], "socket_disconnected");
    await rec.next("room_left", ([, room, id]) => room === cid && id === cid);
  });

  await scenario("the dashboard's statistics count connections, disconnections, packets and bytes", async () => {
    const admin = await connected(client("/admin", { auth: credentials }));
    const counted = {};
    const big = "x".repeat(5000);
    const done = new Promise((resolve) => admin.on("server_stats", (stats) => {
      for (const e of stats.aggregatedEvents) {
        const key = e.type + (e.subType ? ":" + e.subType : "");
        counted[key] = (counted[key] || 0) + e.count;
      }
      // the engine's reason, as the reference counts engine connections: the client closes its transport
      if (counted["rawConnection"] && counted["rawDisconnection:transport close"] && counted["packetsIn"]
          && counted["packetsOut"] && counted["bytesIn"] >= big.length && counted["bytesOut"] >= big.length) {
        resolve();
      }
    }));
    const c = await connected(client("/", { transports: ["websocket"] }));
    expectEqual(await ack(c, "hello", big), ["ok"], "the answer to the big message");
    c.disconnect();
    await within(5000, done, "connections, packets and bytes in the statistics, got " + JSON.stringify(counted));
  });

  await scenario("the admin's join, leave, emit and _disconnect commands act on the target socket", async () => {
    const admin = await connected(client("/admin", { auth: credentials }));
    const rec = recorder(admin);
    const c = await connected(client("/", { transports: ["websocket"] }));
    await rec.next("socket_connected", ([s]) => s.id === c.id);

    admin.emit("join", "/", "green", c.id);
    await rec.next("room_joined", ([nsp, room, id]) => nsp === "/" && room === "green" && id === c.id);
    expectEqual((await ack(c, "rooms"))[0].sort(), [c.id, "green"].sort(), "rooms after join");

    admin.emit("leave", "/", "green", c.id);
    await rec.next("room_left", ([nsp, room, id]) => nsp === "/" && room === "green" && id === c.id);
    expectEqual(await ack(c, "rooms"), [[c.id]], "rooms after leave");

    const notice = once(c, "notice");
    admin.emit("emit", "/", c.id, "notice", 1, "two");
    expectEqual(await notice, [1, "two"], "the event the admin sent");

    const cid = c.id; // the client forgets it on disconnection
    const disconnected = once(c, "disconnect");
    expectEqual(await ack(admin, "_disconnect", "/", false, c.id), [{ ok: true }], "acknowledged");
    expectEqual((await disconnected)[0], "io server disconnect", "the client's reason");
    const gone = await rec.next("socket_disconnected", ([, id]) => id === cid);
    expectEqual(gone.slice(0, 3), ["/", cid, "server namespace disconnect"], "socket_disconnected");
  });

  await scenario("a command for a namespace that does not exist does not create it", async () => {
    const admin = await connected(client("/admin", { auth: credentials }));
    expectEqual(await ack(admin, "join", "/nowhere", "r"), [{ ok: false, error: "unknown namespace" }], "answer");
  });

  await scenario("a read-only server's admin only watches: its commands are refused", async () => {
    const admin = readonlyClient("/admin");
    const rec = recorder(admin);
    await connected(admin);
    const [config] = await rec.next("config");
    expectEqual(config, { supportedFeatures: ["AGGREGATED_EVENTS", "ALL_EVENTS"] }, "config");
    expect(!rec.seen.some((e) => e.event === "session"), "no session without authentication");
    const c = await connected(readonlyClient("/", { transports: ["websocket"] }));
    await rec.next("socket_connected", ([s]) => s.id === c.id);
    const refused = [{ ok: false, error: "read-only" }];
    expectEqual(await ack(admin, "join", "/", "green", c.id), refused, "join");
    expectEqual(await ack(admin, "leave", "/", c.id, c.id), refused, "leave");
    expectEqual(await ack(admin, "emit", "/", c.id, "notice", 1), refused, "emit");
    expectEqual(await ack(admin, "_disconnect", "/", true, c.id), refused, "_disconnect");
    expectEqual(await ack(c, "rooms"), [[c.id]], "rooms unchanged");
    expect(c.connected, "the client still connected");
    expect(!rec.seen.some((e) => e.event === "room_joined" && e.args[2] === c.id && e.args[1] !== c.id),
      "no room_joined");
  });

  for (const s of [...client.opened, ...readonlyClient.opened]) s.close();
  finish();
})().catch((e) => { console.log("FAIL setup: " + e.message); process.exit(1); });
