// The seed's chat: emit "channel" with a text, everyone receives it as "broadcast".
// ?client=2 loads socket.io-client 2.x (protocol v4 over Engine.IO v3), anything else the 4.x client.
(function () {
  "use strict";
  const legacy = new URLSearchParams(location.search).get("client") === "2";
  document.getElementById("client").textContent = legacy ? "socket.io-client 2.x" : "socket.io-client 4.x";
  const script = document.createElement("script");
  script.src = legacy ? "/vendor/socket.io-2/socket.io.js" : "/socket.io/socket.io.js";
  script.onload = start;
  document.head.append(script);

  function start() {
    const socket = io();
    const status = document.getElementById("status");
    socket.on("connect", () => { status.className = "status connected"; status.dataset.state = "connected"; status.textContent = "connected"; });
    socket.on("disconnect", () => { status.className = "status disconnected"; status.dataset.state = "disconnected"; status.textContent = "disconnected"; });
    socket.on("broadcast", (text) => {
      const li = document.createElement("li");
      li.className = "message";
      li.textContent = String(text);
      document.getElementById("messages").append(li);
    });
    document.getElementById("send").addEventListener("submit", (e) => {
      e.preventDefault();
      const input = document.getElementById("text");
      if (input.value) socket.emit("channel", input.value);
      input.value = "";
    });
  }
})();
