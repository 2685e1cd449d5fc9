// Node's socket.io with the same handlers as the other servers of the benchmark (bench/run.sh starts it).
// usage: node --expose-gc server.js <port>
// Prints READY once listening, then answers the bench's admin lines on stdin: "heap" → "HEAP <bytes>" (V8's
// heapUsed right after a full gc()), "alloc" → "ALLOC -1" (V8 does not count the bytes it allocates).
"use strict";
const { Server } = require("socket.io");
const http = require("http");
const readline = require("readline");

const port = Number(process.argv[2]);
const io = new Server({ serveClient: false, perMessageDeflate: false, httpCompression: false });
io.on("connection", (socket) => {
  socket.on("echo", (...args) => socket.emit("echo", ...args));
  socket.on("echoack", (...args) => { const ack = args.pop(); ack(...args); });
  socket.on("join", (room) => socket.join(room));
  socket.on("fanout", (data) => io.to("room").emit("fan", data));
});
const httpServer = http.createServer();
io.attach(httpServer);

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  switch (line.trim()) {
    case "heap":
      global.gc();
      console.log("HEAP " + process.memoryUsage().heapUsed);
      break;
    case "alloc":
      console.log("ALLOC -1");
      break;
    default:
      console.log("? " + line);
  }
});
httpServer.listen(port, "127.0.0.1", () => console.log("READY")); // loopback only
