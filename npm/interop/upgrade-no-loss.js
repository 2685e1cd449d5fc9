// Many connections that upgrade from polling to WebSocket while events flow both ways: every event must
// arrive exactly once and in order, every acknowledgement exactly once.
// usage: node interop/upgrade-no-loss.js <url> <connections> <eventsPerDirection>
"use strict";
const { io } = require("socket.io-client");
const { scenario, finish, expect, expectEqual, within } = require("./support");

const [url, connArg, nArg] = process.argv.slice(2);
const connections = Number(connArg), n = Number(nArg);

function oneConnection(index) {
  return new Promise((resolve, reject) => {
    const s = io(url, { forceNew: true, reconnection: false, query: { index } });
    const down = [];
    const acks = new Map();
    let upgraded = false;
    s.on("down", (i) => down.push(i));
    s.on("connect", () => {
      s.io.engine.once("upgrade", () => { upgraded = true; });
      let i = 0;
      const timer = setInterval(() => {
        for (let k = 0; k < 5 && i < n; k++, i++) {
          const sent = i;
          s.emit("up", sent, (echo) => acks.set(sent, (acks.get(sent) || []).concat([echo])));
        }
        if (i >= n) clearInterval(timer);
      }, 2);
    });
    const check = setInterval(() => {
      if (down.length >= n && acks.size >= n) {
        clearInterval(check);
        try {
          expectEqual(down, Array.from({ length: n }, (_, i) => i), "server events of connection " + index);
          for (const [k, v] of acks) expectEqual(v, [k], "ack " + k + " of connection " + index);
          expect(upgraded || s.io.engine.transport.name === "websocket", "an upgrade on connection " + index);
          s.emit("done", () => { s.close(); resolve(); });
        } catch (e) { s.close(); reject(e); }
      }
    }, 5);
    s.on("connect_error", (e) => reject(e));
  });
}

(async () => {
  await scenario(connections + " connections, " + n + " events each way, across their upgrades", async () => {
    for (let c = 0; c < connections; c += 10) {
      const batch = [];
      for (let k = c; k < Math.min(connections, c + 10); k++) batch.push(oneConnection(k));
      await within(60000, Promise.all(batch), "batch " + c);
    }
  });
  finish();
})();
