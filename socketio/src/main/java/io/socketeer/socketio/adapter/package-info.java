/**
 * The adapter SPI: rooms and broadcast delivery of a namespace, with the in-memory default, shaped so a
 * cluster adapter can forward broadcasts and requests to other servers.
 */
package io.socketeer.socketio.adapter;
