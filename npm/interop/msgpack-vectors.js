// Packets encoded by the real socket.io-msgpack-parser (and its notepack.io), one per line, for
// MsgpackParityTest: "<server|client> <name> <hex> <json>". "server" packets are built as our server builds
// them (keys type, nsp, data, id); "client" packets as socket.io-client 4.8 builds them (with its options,
// an undefined CONNECT payload, ArrayBuffers, Dates). <json> is the packet as the Java side must see it:
// binary values as {"$bin": "<hex>"}, undefined left out, a Date as its toJSON() text.
// Whole numbers beyond 2^63 are left out: notepack 2.2 writes them as a wrong uint64 (1e300 as 0); we write
// them as float 64.
// usage: node interop/msgpack-vectors.js
"use strict";
const parser = require("socket.io-msgpack-parser");

const encoder = new parser.Encoder();
const bin = (...bytes) => Buffer.from(bytes);

const server = [
  ["connect", { type: 0, nsp: "/", data: { sid: "abcdefghijklmnopqrst" } }],
  ["connect-with-pid", { type: 0, nsp: "/chat", data: { sid: "s", pid: "p" } }],
  ["connect-error", { type: 4, nsp: "/admin", data: { message: "forbidden", data: { code: 42 } } }],
  ["disconnect", { type: 1, nsp: "/" }],
  ["event", { type: 2, nsp: "/", data: ["hello", "you"] }],
  ["event-with-ack", { type: 2, nsp: "/chat", data: ["question", 20], id: 7 }],
  ["ack", { type: 3, nsp: "/", data: ["answer", null, true, false], id: 300 }],
  ["numbers", { type: 2, nsp: "/", data: ["n", 0, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296,
    -1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649, 1.5, -0.25, 9007199254740991] }],
  ["strings", { type: 2, nsp: "/", data: ["s", "", "a".repeat(31), "b".repeat(32), "c".repeat(255),
    "d".repeat(256), "e".repeat(65536), "てすと Я ß — 😀 \u2028"] }],
  ["binary", { type: 2, nsp: "/", data: ["file", bin(0, 1, 2, 253, 254, 255),
    { nested: { file: Buffer.alloc(300, 7), list: [bin(9), "x"] } }] }],
  ["binary-ack", { type: 3, nsp: "/", data: [Buffer.alloc(70000, 1)], id: 65536 }],
  ["big-containers", { type: 2, nsp: "/", data: ["c", Array.from({ length: 16 }, (_, i) => i),
    Object.fromEntries(Array.from({ length: 16 }, (_, i) => ["k" + i, i]))] }],
];

const client = [
  ["connect-no-auth", { type: 0, data: undefined, nsp: "/" }],
  ["connect-auth", { type: 0, data: { token: "abc" }, nsp: "/chat" }],
  ["connect-recovery", { type: 0, data: { pid: "p", offset: "o", token: "t" }, nsp: "/" }],
  ["event", { type: 2, data: ["hello", "you"], options: { compress: true }, nsp: "/" }],
  ["event-with-ack", { type: 2, data: ["echo", 1, "two", { three: [true, null, 3.5] }], options: { compress: true },
    id: 0, nsp: "/" }],
  ["ack", { type: 3, id: 12, data: [21], nsp: "/chat" }],
  ["disconnect", { type: 1, nsp: "/" }],
  ["binary", { type: 2, data: ["file", bin(0, 1, 2, 253, 254, 255), { list: [bin(9), "x"] }],
    options: { compress: false }, nsp: "/" }],
  ["array-buffer", { type: 2, data: ["ab", new Uint8Array([4, 5, 6]).buffer], options: { compress: true }, nsp: "/" }],
  ["undefined-values", { type: 2, data: ["u", undefined, { a: undefined, b: 1 }], options: { compress: true },
    nsp: "/" }],
  ["date", { type: 2, data: ["d", new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789))], options: { compress: true },
    nsp: "/" }],
  ["numbers", { type: 2, data: ["n", 4294967296, -2147483649, 1.5, 2.5e-300], options: { compress: true }, nsp: "/" }],
];

// The packet as JSON.stringify shows it, with buffers (and ArrayBuffers) as {"$bin": hex}.
function view(value) {
  if (Buffer.isBuffer(value)) return { $bin: value.toString("hex") };
  if (value instanceof ArrayBuffer) return { $bin: Buffer.from(value).toString("hex") };
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : view(v)));
  if (value instanceof Date) return value.toJSON();
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && k !== "options") out[k] = view(v);
    return out;
  }
  return value;
}

for (const [direction, list] of [["server", server], ["client", client]]) {
  for (const [name, packet] of list) {
    const [encoded] = encoder.encode(packet);
    // the real decoder must accept what it encodes: proves the vectors are valid packets
    const decoder = new parser.Decoder();
    decoder.on("decoded", () => {});
    decoder.add(encoded);
    console.log(direction + " " + name + " " + Buffer.from(encoded).toString("hex") + " " + JSON.stringify(view(packet)));
  }
}
