/**
 * The Engine.IO session state machine: outgoing queue, heartbeat, upgrade, close.
 * Internal: subject to change without notice.
 */
package io.socketeer.engineio.internal.session;
