// A Node socket.io 4.8 server with @socket.io/redis-adapter 8.x, as a member of a cluster with our servers
// (see RedisNodeInteropTest). Prints "port <n>" once listening, then obeys JSON commands on stdin, one per line,
// printing one result line each.
// usage: node cluster/redis-node.js <redis-url> <key> [sharded [<subscriptionMode>]]
"use strict";
const { createServer } = require("http");
const readline = require("readline");
const { Server } = require("socket.io");
const { createAdapter, createShardedAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");

const [url, key, kind, subscriptionMode] = process.argv.slice(2);

(async () => {
  const pub = createClient({ url, socket: { reconnectStrategy: () => 100 } });
  const sub = pub.duplicate();
  pub.on("error", () => {});
  sub.on("error", () => {});
  await Promise.all([pub.connect(), sub.connect()]);

  const httpServer = createServer();
  const adapter = kind === "sharded"
    ? createShardedAdapter(pub, sub, { channelPrefix: key, subscriptionMode: subscriptionMode || "dynamic" })
    : createAdapter(pub, sub, { key, requestsTimeout: 3000 });
  const io = new Server(httpServer, { adapter });
  io.on("connection", (socket) => {
    socket.on("join", (room) => socket.join(room));
  });
  io.on("hello", (arg) => console.log("hello " + JSON.stringify(arg)));
  io.on("ping", (arg, cb) => cb("node:" + arg));

  const commands = {
    broadcast: ({ room, tag, binary }) => {
      if (binary) io.to(room).emit("news", tag, Buffer.from([1, 2, 3])); else io.to(room).emit("news", tag);
      return "ok";
    },
    fetch: async ({ room }) => {
      const sockets = await io.in(room).fetchSockets();
      return sockets.map((s) => ({ id: s.id, rooms: [...s.rooms], address: s.handshake.address }));
    },
    join: ({ room, target }) => { io.in(room).socketsJoin(target); return "ok"; },
    disconnect: ({ room }) => { io.in(room).disconnectSockets(true); return "ok"; },
    emitToFetched: async ({ room, tag }) => {
      const sockets = await io.in(room).fetchSockets();
      sockets.forEach((s) => s.emit("news", tag));
      return sockets.length;
    },
    ask: async ({ arg }) => io.serverSideEmitWithAck("ping", arg),
    poll: async () => io.timeout(3000).emitWithAck("poll"),
    hello: ({ arg }) => { io.serverSideEmit("hello", arg); return "ok"; },
    count: async () => io.of("/").adapter.serverCount(),
    rooms: async () => [...(await io.of("/").adapter.allRooms())],
  };

  readline.createInterface({ input: process.stdin }).on("line", async (line) => {
    const cmd = JSON.parse(line);
    try {
      const result = await commands[cmd.op](cmd);
      console.log(cmd.op + " " + JSON.stringify(result));
    } catch (e) {
      console.log(cmd.op + " error " + JSON.stringify(e.message));
    }
  }).on("close", () => {
    io.close();
    pub.quit().catch(() => {});
    sub.quit().catch(() => {});
    setTimeout(() => process.exit(0), 200).unref();
  });

  httpServer.listen(0, "127.0.0.1", () => console.log("port " + httpServer.address().port));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
