package io.intake.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real browser against the running application: headless Chromium (Debian package {@code chromium}) driven by
 * {@code playwright-core} runs {@code src/test/browser/portal.spec.mjs}: staff sign in to the live monitor, a customer
 * sends the form and sees the confirmation, the ticket appears in the monitor without a reload. Screenshots are kept
 * in {@code target/browser/}. A missing browser or Node module fails the test, naming what to install.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCRIPT_DIR = Path.of("src/test/browser");

    @Value("${local.server.port}")
    int port;

    @Test
    void aCustomersTicketAppearsInTheLiveMonitorWithoutAReload() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("Chromium is missing at " + CHROMIUM + ": install it with `apt-get install -y chromium`");
        }
        if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules/playwright-core"))) {
            fail("playwright-core is missing: run `npm ci --prefix channel-web/src/test/browser` from the repository root");
        }
        Path out = Path.of("target/browser").toAbsolutePath();
        Files.createDirectories(out);
        Path log = out.resolve("portal.spec.log");
        Process node = new ProcessBuilder("node", "portal.spec.mjs", "http://127.0.0.1:" + port, out.toString())
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!node.waitFor(180, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("the browser test did not finish within 180 s; see " + log);
        }
        String output = Files.readString(log);
        assertThat(node.exitValue()).as("portal.spec.mjs exit code; its output:%n%s", output).isZero();
        for (String shot : new String[] {"form.png", "received.png", "portal.png", "portal-narrow.png"}) {
            File file = out.resolve(shot).toFile();
            assertThat(file).as(shot).exists();
            assertThat(file.length()).as(shot + " size").isGreaterThan(10_000);
        }
        assertThat(output).contains("the monitor showed ticket");
    }
}
