// Connection state recovery with socket.io-client 4.x against our server (see
// ConnectionStateRecoveryInteropTest for the server side).
// usage: node interop/recovery.js <url> <polling|websocket|default>
"use strict";
const { io } = require("socket.io-client");
const { once, expect, expectEqual, scenario, finish, ack, connected, clients } = require("./support");

const [url, mode] = process.argv.slice(2);
const transports = mode === "default" ? undefined : [mode];
const client = clients(io, url, transports);
const opened = client.opened;

(async () => {
  await scenario("a first connection is not a recovered one, on either side", async () => {
    const s = client("/", { reconnection: true });
    const [recoveredOnServer] = await once(s, "welcome");
    expect(s.recovered === false, "not recovered on the client");
    expectEqual(recoveredOnServer, false, "not recovered on the server");
  });

  await scenario("after a dropped connection the socket comes back with its id, rooms and missed events", async () => {
    const s = client("/", { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 200 });
    await once(s, "welcome");
    const id = s.id;
    expectEqual(await ack(s, "join", "room-1"), ["room-1"], "joined");
    const other = await connected(client("/"));
    // one event reaches the socket while it is connected, so its offset is known
    const first = once(s, "news");
    await ack(other, "to-room", "room-1", "before");
    expectEqual((await first)[0], "before", "the event before the drop");

    // the connection drops (as a network failure would: no DISCONNECT packet)
    const dropped = once(s, "disconnect");
    s.io.engine.close();
    await dropped;
    // events sent to its room and to its id while it is away
    await ack(other, "to-room", "room-1", "missed-1");
    await ack(other, "to-room", id, "missed-2");

    const got = [];
    s.on("news", (text) => got.push(text));
    const [recoveredOnServer] = await once(s, "welcome", 5000);
    expect(s.recovered === true, "recovered on the client");
    expectEqual(recoveredOnServer, true, "recovered on the server");
    expectEqual(s.id, id, "the same socket id");
    // the missed events come right after the reconnection, in order; then the room still reaches it
    await ack(other, "to-room", "room-1", "after");
    while (got.length < 3) await once(s, "news");
    expectEqual(got, ["missed-1", "missed-2", "after"], "missed events, then the room's");
  });

  opened.forEach((s) => s.close());
  finish();
})();
