// A socket.io-client 4.8 that reconnects on its own (see StreamsNodeInteropTest): prints "connect <id> <recovered>"
// on each connection, "disconnect <reason>" on each drop, and "news <args>" for each news event (binary as
// bin:<bytes>, the recovery offset left out). On its first connection it joins the room given.
// usage: node cluster/recovery-client.js <url> <room>
"use strict";
const { io } = require("socket.io-client");

const [url, room] = process.argv.slice(2);
const socket = io(url, { transports: ["websocket"], reconnectionDelay: 200, reconnectionDelayMax: 500 });
let joined = false;
socket.on("connect", () => {
  console.log("connect " + socket.id + " " + socket.recovered);
  if (!joined) {
    joined = true;
    socket.emit("join", room);
  }
});
socket.on("disconnect", (reason) => console.log("disconnect " + reason));
socket.on("news", (...args) => {
  if (args.length > 1 && typeof args[args.length - 1] === "string" && /^\d+-\d+$/.test(args[args.length - 1])) {
    args.pop(); // the offset, kept by the client for a recovery
  }
  const shown = args.map((a) => (Buffer.isBuffer(a) || a instanceof ArrayBuffer ? "bin:" + [...new Uint8Array(a)].join(",") : JSON.stringify(a)));
  console.log("news " + shown.join(" "));
});
process.stdin.on("end", () => { socket.close(); process.exit(0); });
process.stdin.resume();
