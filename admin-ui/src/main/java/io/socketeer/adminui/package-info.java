/**
 * Makes a Socketeer server monitorable by the Socket.IO Admin UI ({@code @socket.io/admin-ui} 0.5): the
 * admin namespace protocol of the reference's {@code instrument(io, options)} ({@link AdminUi#instrument}),
 * and the UI's pages served by the server itself ({@link AdminUi#addHandlers}).
 */
package io.socketeer.adminui;
