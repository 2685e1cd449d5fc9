// The Node @socket.io/redis-emitter 5.x, driven by a test (see RedisEmitterInteropTest): prints "ready" once
// connected, then obeys JSON commands on stdin, one per line, printing "<op> ok" after each.
// usage: node cluster/emitter-node.js <redis-url> <key>
"use strict";
const readline = require("readline");
const { Emitter } = require("@socket.io/redis-emitter");
const { createClient } = require("redis");

const [url, key] = process.argv.slice(2);

(async () => {
  const client = createClient({ url });
  client.on("error", () => {});
  await client.connect();
  const emitter = new Emitter(client, { key });
  const target = ({ nsp, room, except }) => {
    let op = emitter.of(nsp || "/");
    if (room) op = op.to(room);
    if (except) op = op.except(except);
    return op;
  };
  const commands = {
    emit: (c) => target(c).emit(c.event, c.arg, Buffer.from([1, 2, 3])),
    join: (c) => target(c).socketsJoin(c.target),
    leave: (c) => target(c).socketsLeave(c.target),
    disconnect: (c) => target(c).disconnectSockets(true),
    serverSideEmit: (c) => emitter.of(c.nsp || "/").serverSideEmit(c.event, c.arg),
  };
  readline.createInterface({ input: process.stdin }).on("line", (line) => {
    const cmd = JSON.parse(line);
    commands[cmd.op](cmd);
    console.log(cmd.op + " ok");
  }).on("close", () => {
    client.quit().catch(() => {});
    setTimeout(() => process.exit(0), 200).unref();
  });
  console.log("ready");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
