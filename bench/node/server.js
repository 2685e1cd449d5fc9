// Node's socket.io with the same handlers as the other servers of the benchmark.
// usage: node server.js <port>; prints READY, then answers "heap" on stdin with a "HEAP <bytes>" line.
"use strict";
const { Server } = require("socket.io");
const port = Number(process.argv[2]);
const io = new Server(port, { serveClient: false, perMessageDeflate: false, httpCompression: false });
io.on("connection", (socket) => {
  socket.on("echo", (...args) => socket.emit("echo", ...args));
  socket.on("echoack", (...args) => { const cb = args.pop(); cb(...args); });
  socket.on("join", (room) => socket.join(room));
  socket.on("fanout", (data) => io.to("room").emit("fan", data));
});
process.stdin.on("data", (d) => {
  if (String(d).includes("heap")) {
    if (global.gc) global.gc();
    console.log("HEAP " + process.memoryUsage().heapUsed);
  }
});
console.log("READY");
