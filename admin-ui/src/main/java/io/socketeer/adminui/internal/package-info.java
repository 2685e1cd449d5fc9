/**
 * The implementation of the admin namespace protocol and of the UI's file serving; subject to change
 * without notice.
 */
package io.socketeer.adminui.internal;
