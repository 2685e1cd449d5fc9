package io.socketeer.conformance;

/**
 * The server socket.io-client's own test suite expects on port 3210.
 */
final class ClientSuiteServer {

    private ClientSuiteServer() {
    }

    static void main(String[] args) {
        throw new UnsupportedOperationException("not yet");
    }
}
