/**
 * The Engine.IO session state machine: outgoing queue, heartbeat, upgrade, close; and session ids.
 * Internal: subject to change without notice.
 */
package io.socketeer.engineio.internal.session;
