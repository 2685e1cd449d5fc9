// Clients that stay connected while the server shuts down: prints "CONNECTED" once both are in, then one
// "DISCONNECT <transport> <reason>" line per client as the server closes them.
// usage: node interop/spring-shutdown.js <url>
"use strict";
const { io } = require("socket.io-client");

const [url] = process.argv.slice(2);
let connected = 0;
for (const transport of ["polling", "websocket"]) {
  const s = io(url, { transports: [transport], forceNew: true, reconnection: false });
  s.on("connect", () => {
    if (++connected === 2) console.log("CONNECTED");
  });
  s.on("disconnect", (reason) => console.log("DISCONNECT " + transport + " " + reason));
}
setTimeout(() => process.exit(0), 20000);
