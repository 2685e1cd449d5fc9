// The chat page. Every piece of user text is rendered with textContent, never as HTML.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const socket = io({ autoConnect: true });
  let me = null; // { nick, room } once joined
  let typingTimer = null;
  let typingSent = false;
  const typers = new Map(); // nick -> timeout

  function setStatus(state, text) {
    const el = $("status");
    el.className = "status " + state;
    el.dataset.state = state;
    el.textContent = text;
  }

  function time(ms) {
    return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function addMessage(m) {
    const li = document.createElement("li");
    li.className = "message" + (me && m.nick === me.nick ? " mine" : "");
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = time(m.time) + " " + m.nick;
    const text = document.createElement("span");
    text.className = "text";
    text.textContent = m.text;
    li.append(meta, text);
    $("messages").append(li);
    li.scrollIntoView({ block: "end" });
  }

  function addNotice(n) {
    const li = document.createElement("li");
    li.className = "notice";
    li.textContent = time(n.time) + " " + n.text;
    $("messages").append(li);
    li.scrollIntoView({ block: "end" });
  }

  function renderRooms(rooms) {
    const ul = $("rooms");
    ul.replaceChildren();
    for (const r of rooms) {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = "#" + r.name + " (" + r.online + ")";
      b.dataset.room = r.name;
      if (me && r.name === me.room) b.className = "current";
      b.addEventListener("click", () => switchRoom(r.name));
      li.append(b);
      ul.append(li);
    }
  }

  function renderTyping() {
    const names = [...typers.keys()];
    $("typing").textContent = names.length === 0 ? "" :
      names.join(", ") + (names.length === 1 ? " is typing…" : " are typing…");
  }

  function enterRoom(state) {
    if (state.error) { addNotice({ time: Date.now(), text: state.error }); return; }
    me = { nick: state.nick, room: state.room };
    sessionStorage.setItem("chat", JSON.stringify(me));
    $("login").hidden = true;
    $("chat").hidden = false;
    $("room-name").textContent = "#" + state.room;
    $("online").textContent = state.online + " online";
    $("messages").replaceChildren();
    typers.clear();
    renderTyping();
    state.history.forEach(addMessage);
    renderRooms(state.rooms);
    $("text").focus();
  }

  function join(nick, room) {
    socket.emit("join", { nick, room }, enterRoom);
  }

  function switchRoom(room) {
    if (!me || room === me.room) return;
    socket.emit("switch", room, enterRoom);
  }

  $("login").addEventListener("submit", (e) => {
    e.preventDefault();
    join($("nick").value, $("room").value);
  });

  $("new-room").addEventListener("submit", (e) => {
    e.preventDefault();
    const name = $("new-room-name").value.trim();
    if (name) switchRoom(name);
    $("new-room-name").value = "";
  });

  $("send").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("text").value;
    if (!text.trim()) return;
    socket.emit("message", text);
    $("text").value = "";
    stopTyping();
  });

  function stopTyping() {
    clearTimeout(typingTimer);
    if (typingSent) { socket.emit("typing", false); typingSent = false; }
  }

  $("text").addEventListener("input", () => {
    if (!typingSent) { socket.emit("typing", true); typingSent = true; }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 2000);
  });

  socket.on("message", (m) => { if (me && m.room === me.room) addMessage(m); });
  socket.on("notice", (n) => { if (me && n.room === me.room) addNotice(n); });
  socket.on("presence", (p) => { if (me && p.room === me.room) $("online").textContent = p.online + " online"; });
  socket.on("rooms", renderRooms);
  socket.on("typing", (t) => {
    clearTimeout(typers.get(t.nick));
    if (t.typing) typers.set(t.nick, setTimeout(() => { typers.delete(t.nick); renderTyping(); }, 5000));
    else typers.delete(t.nick);
    renderTyping();
  });

  socket.on("connect", () => {
    setStatus("connected", "connected");
    // After a reconnection the server has forgotten us: join again where we were.
    const saved = me || JSON.parse(sessionStorage.getItem("chat") || "null");
    if (saved) join(saved.nick, saved.room);
  });
  socket.on("disconnect", (reason) => {
    setStatus("disconnected", "disconnected (" + reason + ")");
    if (reason === "io server disconnect") socket.connect();
  });
  socket.io.on("reconnect_attempt", (n) => setStatus("connecting", "reconnecting… (" + n + ")"));
  socket.on("connect_error", () => setStatus("disconnected", "cannot reach the server, retrying…"));
})();
