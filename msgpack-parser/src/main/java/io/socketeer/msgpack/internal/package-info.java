/**
 * The MessagePack packet encoder and decoder: pure, bytes in, bytes out. Internal: subject to change without
 * notice.
 */
package io.socketeer.msgpack.internal;
