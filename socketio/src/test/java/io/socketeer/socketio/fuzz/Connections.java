package io.socketeer.socketio.fuzz;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.FuzzConnection;

/**
 * Opens the test kit's {@link FuzzConnection} to a Socket.IO server, through the pipeline
 * {@link SocketIoServer#addHandlers} documents: an HTTP codec, then the server's handlers.
 */
final class Connections {

    private Connections() {
    }

    static FuzzConnection open(SocketIoServer io) {
        return new FuzzConnection(new FuzzConnection.Target() {
            @Override
            public void install(ChannelPipeline pipeline) {
                pipeline.addLast("http-codec", new HttpServerCodec());
                io.addHandlers(pipeline);
            }

            @Override
            public String httpHandlerName() {
                return "socketio";
            }

            @Override
            public int sessionCount() {
                return io.engine().sessionCount();
            }

            @Override
            public void closeSessions() {
                io.engine().sessions().forEach(EngineIoSession::close);
            }

            @Override
            public String describeSessions() {
                return io.engine().sessions().toString();
            }
        });
    }
}
