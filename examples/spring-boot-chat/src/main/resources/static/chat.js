// The chat page: user text is rendered with textContent, never as HTML.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const socket = io();

  function add(cls, meta, text) {
    const li = document.createElement("li");
    li.className = cls;
    if (meta) {
      const m = document.createElement("span");
      m.className = "meta";
      m.textContent = meta;
      li.append(m);
    }
    li.append(document.createTextNode(text));
    $("messages").append(li);
  }

  function post(m) {
    add("message", new Date(m.time).toLocaleTimeString() + " " + m.nick, m.text);
  }

  $("login").addEventListener("submit", async (e) => {
    e.preventDefault();
    const res = await socket.emitWithAck("join", { nick: $("nick").value });
    if (res.error) { add("error", null, res.message); return; }
    $("login").hidden = true;
    $("send").hidden = false;
    add("notice", null, "you are " + res.nick + " (" + res.online + " online)");
  });

  $("send").addEventListener("submit", async (e) => {
    e.preventDefault();
    const res = await socket.emitWithAck("message", { text: $("text").value });
    if (res.error) { add("error", null, res.message); return; }
    $("text").value = "";
    post(res);
  });

  socket.on("message", post);
  socket.on("notice", (text) => add("notice", null, text));
  socket.on("disconnect", (reason) => add("notice", null, "disconnected: " + reason));
})();
