/**
 * The benchmark: a raw-frame load generator and the orchestration that compares our server with
 * netty-socketio and Node's socket.io, each measured by its CPU time per operation.
 */
package io.socketeer.bench;
