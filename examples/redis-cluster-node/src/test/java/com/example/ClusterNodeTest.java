package com.example;

import io.netty.util.Version;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs a node on the machine's Redis and checks what the dependencies put on the class path. */
class ClusterNodeTest {

    @Test
    void everyNettyModuleOnTheClassPathIsOfOneVersion() {
        Map<String, Version> modules = Version.identify();
        assertTrue(modules.containsKey("netty-common"), modules.keySet().toString());
        assertTrue(modules.containsKey("netty-codec-http"), modules.keySet().toString());
        Set<String> versions = new TreeSet<>();
        modules.values().forEach(v -> versions.add(v.artifactVersion()));
        assertEquals(1, versions.size(), "Netty versions: " + modules);
    }

    @Test
    void startsOnlyOnceItsAdapterIsSubscribed() {
        String url = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
        ClusterNode node = new ClusterNode(url);
        try {
            int port = node.start(0).getPort();
            assertTrue(port > 0);
            assertTrue(node.io().ready().isDone());
            assertFalse(node.io().ready().isCompletedExceptionally());
        } finally {
            node.close();
        }
    }
}
