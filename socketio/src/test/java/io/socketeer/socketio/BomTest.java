package io.socketeer.socketio;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The BOM ({@code bom/pom.xml}, which has no parent on purpose) says what the build says: the same version,
 * the same Netty, and every module a user can depend on.
 */
class BomTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    /** Modules that are not published for users: the test kit, the fixtures, the demo and the benchmark. */
    private static final List<String> UNPUBLISHED = List.of("bom", "testkit", "conformance", "demo-chat", "bench");

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

    private static String first(String xml, String regex) {
        Matcher m = Pattern.compile(regex).matcher(xml);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    @Test
    void hasTheVersionAndTheNettyOfTheBuild() throws IOException {
        String parent = read("pom.xml");
        String bom = read("bom/pom.xml");
        assertEquals(first(parent, "<artifactId>socketeer-parent</artifactId>\\s*<version>([^<]+)</version>"),
                first(bom, "<artifactId>socketeer-bom</artifactId>\\s*<version>([^<]+)</version>"));
        assertEquals(first(parent, "<netty.version>([^<]+)</netty.version>"),
                first(bom, "<netty.version>([^<]+)</netty.version>"));
    }

    @Test
    void managesEveryPublishedModule() throws IOException {
        String parent = read("pom.xml");
        String bom = read("bom/pom.xml");
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        List<String> missing = new ArrayList<>();
        while (modules.find()) {
            String module = modules.group(1);
            if (UNPUBLISHED.contains(module)) {
                continue;
            }
            String artifact = first(read(module + "/pom.xml"),
                    "</parent>\\s*<artifactId>([^<]+)</artifactId>");
            if (!bom.contains("<artifactId>" + artifact + "</artifactId>")) {
                missing.add(artifact);
            }
        }
        assertEquals(List.of(), missing, "published modules missing from bom/pom.xml");
    }
}
