// Tiny test runner for our interop scenarios: each scenario prints "PASS name" or "FAIL name: reason";
// the process exits 1 if any failed. Every wait has a deadline.
"use strict";

let failed = 0;

function within(ms, promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("timed out waiting for " + what)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

function once(emitter, event, ms = 3000) {
  return within(ms, new Promise((resolve) => emitter.once(event, (...args) => resolve(args))), "'" + event + "'");
}

function expectEqual(actual, expected, what) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error((what || "value") + ": expected " + e + " but got " + a);
}

function expect(cond, what) {
  if (!cond) throw new Error("expected " + what);
}

async function scenario(name, fn) {
  try {
    await within(10000, fn(), "scenario");
    console.log("PASS " + name);
  } catch (e) {
    failed++;
    console.log("FAIL " + name + ": " + (e && e.message));
  }
}

function finish() {
  console.log("DONE failed=" + failed);
  // leave a moment for the close packets of the clients just closed to go out
  setTimeout(() => process.exit(failed ? 1 : 0), 300);
}

// Emits with an acknowledgement and resolves with all of its arguments (emitWithAck keeps only the first).
function ack(s, event, ...args) {
  return within(3000, new Promise((resolve) => s.emit(event, ...args, (...answer) => resolve(answer))), "ack of " + event);
}

async function connected(s) {
  if (!s.connected) await once(s, "connect");
  return s;
}

// A factory of Socket.IO clients (of the given io function) that remembers them, to close them at the end.
function clients(io, url, transports) {
  const opened = [];
  const client = (nsp = "/", opts = {}) => {
    const s = io(url + nsp, { transports, forceNew: true, reconnection: false, ...opts });
    opened.push(s);
    return s;
  };
  client.opened = opened;
  return client;
}

module.exports = { within, once, expect, expectEqual, scenario, finish, ack, connected, clients };
