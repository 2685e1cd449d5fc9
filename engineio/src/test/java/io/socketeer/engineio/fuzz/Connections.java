package io.socketeer.engineio.fuzz;

import io.netty.channel.ChannelPipeline;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.internal.netty.NotFoundHandler;
import io.socketeer.testkit.FuzzConnection;

/**
 * Opens the test kit's {@link FuzzConnection} to a bare Engine.IO server, with a
 * standalone server's pipeline: HTTP codec, the Engine.IO handler, the 404 fallback.
 */
final class Connections {

    private Connections() {
    }

    static FuzzConnection open(EngineIoServer server) {
        return new FuzzConnection(new FuzzConnection.Target() {
            @Override
            public void install(ChannelPipeline pipeline) {
                server.configurePipeline(pipeline);
                pipeline.addLast("not-found", new NotFoundHandler());
            }

            @Override
            public String httpHandlerName() {
                return "engineio";
            }

            @Override
            public int sessionCount() {
                return server.sessionCount();
            }

            @Override
            public void closeSessions() {
                server.sessions().forEach(EngineIoSession::close);
            }

            @Override
            public String describeSessions() {
                return server.sessions().toString();
            }
        });
    }
}
