// A dozen socket.io-client 4.8 chatting through rooms (see RollingRestartTest): each joins its room (ready once
// the server acknowledged the join), then on "start" (stdin) sends {from, seq} to its room every <interval> ms,
// waiting for the server's acknowledgement before the next one (a message is "confirmed" once acknowledged). A
// reconnection that the server did not recover is a new session without rooms: the client joins its room again
// (a recovered one got its rooms back and does not). On "mark" it notes how much each client has received so far
// ("marked"). On "stop" it stops sending; on "report" it prints "report <json>": per receiver and sender of its
// room the confirmed messages lost, those received twice, those out of order, and the pairs that received
// nothing since the mark ("silent"), and the reconnections recovered or not.
// usage: node cluster/chat-clients.js <url> <clients> <rooms> <interval-ms>
"use strict";
const readline = require("readline");
const { io } = require("socket.io-client");

const [url, count, roomCount, interval] = process.argv.slice(2).map((v, i) => (i === 0 ? v : Number(v)));
const clients = [];
let sending = false;

for (let i = 0; i < count; i++) {
  const c = {
    name: "c" + i, room: "room-" + (i % roomCount), seq: 0, confirmed: [], received: new Map(),
    connects: 0, recovered: 0, notRecovered: 0, inFlight: false,
  };
  c.socket = io(url, { transports: ["websocket"], reconnectionDelay: 200, reconnectionDelayMax: 1000 });
  c.socket.on("connect", () => {
    c.connects++;
    if (c.connects > 1) {
      if (c.socket.recovered) c.recovered++;
      else {
        c.notRecovered++;
        console.log(`fresh ${c.name} after "${c.lastReason}" (had pid ${c.pid}, offset ${c.offset})`);
      }
    }
    if (!c.socket.recovered) {
      c.socket.emit("join", c.room, () => { c.ready = true; check(); }); // in the room once acknowledged
    }
  });
  c.socket.on("server", (kind) => { c.servers = (c.servers || []).concat(kind + "/conn" + c.connects); });
  c.socket.on("disconnect", (reason) => {
    c.lastReason = reason;
    c.pid = c.socket._pid;
    c.offset = c.socket._lastOffset;
  });
  c.socket.on("chat", (msg, offset) => {
    if (!c.received.has(msg.from)) c.received.set(msg.from, []);
    c.received.get(msg.from).push(msg.seq);
    c.log = c.log || [];
    c.log.push(`${msg.from}#${msg.seq}@${offset}/conn${c.connects}${c.socket.connected ? "" : "(buffered)"}`);
  });
  clients.push(c);
}

function check() {
  if (clients.every((c) => c.ready) && !check.done) {
    check.done = true;
    console.log("ready");
  }
}

function send(c) {
  if (!sending) return;
  if (c.socket.connected && !c.inFlight) {
    const seq = ++c.seq;
    c.inFlight = true;
    c.socket.timeout(3000).emit("chat", c.room, { from: c.name, seq }, (err) => {
      c.inFlight = false;
      if (!err) c.confirmed.push(seq);
    });
  }
  setTimeout(() => send(c), interval);
}

function report() {
  let lost = 0, duplicated = 0, outOfOrder = 0, confirmed = 0, delivered = 0, recovered = 0, notRecovered = 0;
  let silent = 0;
  const samples = [];
  for (const c of clients) {
    confirmed += c.confirmed.length;
    recovered += c.recovered;
    notRecovered += c.notRecovered;
    for (const s of clients.filter((x) => x.room === c.room)) {
      const got = c.received.get(s.name) || [];
      delivered += got.length;
      if (c.marked && got.length <= (c.marked.get(s.name) || 0)) {
        silent++;
        if (samples.length < 10) samples.push(`${c.name} (on ${c.servers}) got nothing from ${s.name} since the mark`);
      }
      const seen = new Set();
      let last = 0;
      for (const q of got) {
        if (seen.has(q)) { duplicated++; if (samples.length < 10) samples.push(`${c.name} (on ${c.servers}) got ${s.name}#${q} twice`); }
        if (q < last) {
          outOfOrder++;
          if (samples.length < 3) {
            const i = c.log.findIndex((l) => l.startsWith(`${s.name}#${last}@`));
            samples.push(`${c.name} (on ${c.servers}): ` + c.log.slice(Math.max(0, i - 3), i + 12).join(" "));
          }
        }
        seen.add(q);
        last = Math.max(last, q);
      }
      for (const q of s.confirmed) {
        if (!seen.has(q)) {
          lost++;
          if (samples.length < 10) {
            // where the receiver got its neighbours: on which connection, at which stream offset
            const near = (n) => (c.log || []).find((l) => l.startsWith(`${s.name}#${n}@`)) || `${s.name}#${n} not either`;
            samples.push(`${c.name} (on ${c.servers}) missed ${s.name}#${q} (sender on ${s.servers}), between `
              + `${near(q - 1)} and ${near(q + 1)}`);
          }
        }
      }
    }
  }
  return { confirmed, delivered, lost, duplicated, outOfOrder, silent, recovered, notRecovered, samples };
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "start") {
    sending = true;
    clients.forEach((c, i) => setTimeout(() => send(c), (interval * i) / clients.length));
  } else if (line === "mark") {
    clients.forEach((c) => { c.marked = new Map([...c.received].map(([from, got]) => [from, got.length])); });
    console.log("marked");
  } else if (line === "stop") {
    sending = false;
  } else if (line === "report") {
    console.log("report " + JSON.stringify(report()));
  }
}).on("close", () => {
  clients.forEach((c) => c.socket.close());
  setTimeout(() => process.exit(0), 200).unref();
});
