// A Node socket.io 4.8 server with @socket.io/redis-streams-adapter 0.3.x and connection state recovery, as a
// member of a cluster with our servers (see StreamsNodeInteropTest). Prints "port <n>" once listening, then obeys
// JSON commands on stdin, one per line, printing one result line each. On SIGTERM it closes the server (the
// sockets' sessions are stored) and waits for Redis to have them before exiting.
// Given "sharded" (rather than "streams") it runs createShardedAdapter of @socket.io/redis-adapter 8.x instead
// (channel prefix <prefix>, "dynamic" subscriptions), the same otherwise, except that this adapter keeps the
// sessions in the process's memory only (see RollingRestartTest).
// usage: node cluster/streams-node.js <redis-url> <prefix> [<port> [streams|sharded]]
"use strict";
const { createServer } = require("http");
const readline = require("readline");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-streams-adapter");
const { createShardedAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");

const [url, prefix, port, kind] = process.argv.slice(2);

(async () => {
  const client = createClient({ url, socket: { reconnectStrategy: () => 100 } });
  client.on("error", () => {});
  await client.connect();
  const clients = [client];
  if (kind === "sharded") {
    clients.push(client.duplicate());
    clients[1].on("error", () => {});
    await clients[1].connect();
  }

  const httpServer = createServer();
  const io = new Server(httpServer, {
    adapter: kind === "sharded"
      ? createShardedAdapter(client, clients[1], { channelPrefix: prefix, subscriptionMode: "dynamic" })
      : createAdapter(client, { streamName: prefix, channelPrefix: prefix, sessionKeyPrefix: prefix + ":session:" }),
    connectionStateRecovery: { maxDisconnectionDuration: 120000, skipMiddlewares: true },
  });
  io.on("connection", (socket) => {
    socket.emit("server", "node");
    socket.on("join", (room, ack) => {
      socket.join(room);
      if (typeof ack === "function") ack("ok");
    });
    socket.on("chat", (room, msg, ack) => {
      io.to(room).emit("chat", msg);
      if (typeof ack === "function") ack("ok");
    });
  });
  io.on("hello", (arg) => console.log("hello " + JSON.stringify(arg)));
  io.on("ping", (arg, cb) => cb("node:" + arg));

  const commands = {
    broadcast: ({ room, tag, binary }) => {
      const op = room ? io.to(room) : io;
      if (binary) op.emit("news", tag, Buffer.from([1, 2, 3])); else op.emit("news", tag);
      return "ok";
    },
    fetch: async ({ room }) => {
      const sockets = await io.in(room).fetchSockets();
      return sockets.map((s) => ({ id: s.id, rooms: [...s.rooms] }));
    },
    join: ({ room, target }) => { io.in(room).socketsJoin(target); return "ok"; },
    disconnect: ({ room }) => { io.in(room).disconnectSockets(true); return "ok"; },
    ask: async ({ arg }) => io.serverSideEmitWithAck("ping", arg),
    hello: ({ arg }) => { io.serverSideEmit("hello", arg); return "ok"; },
    count: async () => io.of("/").adapter.serverCount(),
  };

  readline.createInterface({ input: process.stdin }).on("line", async (line) => {
    const cmd = JSON.parse(line);
    try {
      const result = await commands[cmd.op](cmd);
      console.log(cmd.op + " " + JSON.stringify(result));
    } catch (e) {
      console.log(cmd.op + " error " + JSON.stringify(e.message));
    }
  });

  let closing = false;
  process.on("SIGTERM", () => {
    if (closing) return;
    closing = true;
    io.close(); // disconnects every socket ("server shutting down"): each session is stored
    // QUIT waits for the pending SETs
    setTimeout(() => Promise.allSettled(clients.map((c) => c.quit())).finally(() => process.exit(0)), 100);
  });

  httpServer.listen(port ? Number(port) : 0, "127.0.0.1", () => console.log("port " + httpServer.address().port));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
