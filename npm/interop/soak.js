// Soak: many clients chatting, joining and leaving rooms, dropping and coming back, for a while.
// usage: node interop/soak.js <url> <clients> <seconds> [actions per second, default 5 per client]
// Prints a STATS line every 5 s and "DONE errors=<n>" at the end; exits 1 on any error.
"use strict";
const { io } = require("socket.io-client");

const [url, clientsArg, secondsArg, rateArg] = process.argv.slice(2);
const clients = Number(clientsArg), seconds = Number(secondsArg);
const perTick = (rateArg ? Number(rateArg) : clients * 5) / 100; // actions every 10 ms
let owed = 0;
let errors = 0, sent = 0, received = 0, acked = 0, reconnects = 0;
const sockets = [];

function rnd(n) { return Math.floor(Math.random() * n); }

for (let i = 0; i < clients; i++) {
  const s = io(url, {
    transports: i % 4 === 0 ? ["polling", "websocket"] : ["websocket"],
    reconnectionDelay: 100, reconnectionDelayMax: 500, timeout: 10000,
  });
  s.on("chat", () => { received++; });
  s.on("connect_error", (e) => { errors++; if (errors <= 5) console.log("ERROR connect_error " + e.message + " " + (e.description || "")); });
  s.io.on("reconnect", () => { reconnects++; });
  sockets.push(s);
}

const started = Date.now();
const timer = setInterval(() => {
  owed += perTick;
  for (; owed >= 1; owed--) {
    const s = sockets[rnd(sockets.length)];
    if (!s.connected) continue;
    switch (rnd(10)) {
      case 0: s.emit("join", "room-" + rnd(20)); break;
      case 1: s.emit("leave", "room-" + rnd(20)); break;
      case 2: s.io.engine.close(); break; // drop the connection; the client reconnects
      case 3: s.timeout(5000).emit("ping", Date.now(), (err) => {
        if (err && s.connected) { errors++; if (errors <= 5) console.log("ERROR ack " + err.message); } else if (!err) acked++;
      }); break;
      default: s.emit("chat", "room-" + rnd(20), "hello " + sent); sent++;
    }
  }
}, 10);

const stats = setInterval(() => {
  const connected = sockets.filter((s) => s.connected).length;
  console.log("STATS t=" + Math.round((Date.now() - started) / 1000) + " connected=" + connected + " sent=" + sent
    + " received=" + received + " acked=" + acked + " reconnects=" + reconnects + " errors=" + errors);
}, 5000);

setTimeout(() => {
  clearInterval(timer);
  clearInterval(stats);
  sockets.forEach((s) => s.close());
  console.log("DONE errors=" + errors + " sent=" + sent + " received=" + received + " reconnects=" + reconnects);
  setTimeout(() => process.exit(errors ? 1 : 0), 500);
}, seconds * 1000);
