// The raw WebSocket examples (no Socket.IO): echo, time push, broadcast chat.
(function () {
  "use strict";
  // ?example=echo (frames sent back), time (the server's clock every second), chat (to every client)
  const asked = new URLSearchParams(location.search).get("example");
  const example = ["echo", "time", "chat"].includes(asked) ? asked : "echo";
  document.getElementById("example").textContent = example;
  document.title = "Raw WebSocket: " + example;
  const status = document.getElementById("status");
  const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/" + example);
  ws.onopen = () => { status.className = "status connected"; status.dataset.state = "connected"; status.textContent = "connected"; };
  ws.onclose = () => { status.className = "status disconnected"; status.dataset.state = "disconnected"; status.textContent = "closed"; };
  ws.onmessage = (e) => {
    const li = document.createElement("li");
    li.className = "message";
    li.textContent = String(e.data);
    const list = document.getElementById("messages");
    list.append(li);
    while (list.children.length > 100) list.firstChild.remove();
  };
  document.getElementById("send").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = document.getElementById("text");
    if (input.value && ws.readyState === WebSocket.OPEN) ws.send(input.value);
    input.value = "";
  });
})();
