package io.intake.chat;

import io.intake.core.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real browser against the running chat channel: headless Chromium (Debian package {@code chromium}) driven by
 * {@code playwright-core} runs {@code src/test/browser/chat.spec.mjs}. Inside the chat hours a visitor chats from the
 * widget on the demo page and an agent answers from the console; outside them the widget says when chat opens and
 * takes a message. The module is installed once, in {@code channel-web/src/test/browser}; its path goes to the script
 * in {@code PLAYWRIGHT_CORE}. Screenshots are kept in {@code target/browser/}. A missing browser or Node module fails
 * the test, naming what to install.
 */
@SpringBootTest(classes = ChatTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCRIPT_DIR = Path.of("src/test/browser");
    private static final Path PLAYWRIGHT_CORE =
            Path.of("../channel-web/src/test/browser/node_modules/playwright-core/index.mjs").toAbsolutePath().normalize();
    /** 22:00 in Chicago on a Wednesday: chat is closed until 09:00. */
    private static final Instant CLOSED = Instant.parse("2026-11-26T04:00:00Z");

    @Value("${local.server.port}")
    int port;

    @Autowired
    MutableClock clock;

    @BeforeAll
    static void browserIsInstalled() {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("Chromium is missing at " + CHROMIUM + ": install it with `apt-get install -y chromium`");
        }
        if (!Files.isRegularFile(PLAYWRIGHT_CORE)) {
            fail("playwright-core is missing at " + PLAYWRIGHT_CORE
                    + ": run `npm ci --prefix channel-web/src/test/browser` from the repository root");
        }
    }

    @Test
    void aVisitorChatsWithAnAgentFromTheWidget() throws Exception {
        clock.set(Instant.parse(ChatTestApplication.OPEN));
        String output = run("open");
        assertThat(output).containsPattern("the visitor saw ticket \\d+")
                .contains("the visitor saw the sent mark ✓", "the agent claimed the chat", "the visitor saw the delivered mark ✓✓",
                        "the visitor saw the agent reply", "markup stayed text in both UIs",
                        "the visitor reconnected and the unacknowledged message arrived once",
                        "the visitor resumed the chat after a reload", "the widget fits a 375 px viewport");
        shots("widget-open.png", "widget-chat.png", "agent.png", "widget-narrow.png");
    }

    @Test
    void outsideTheHoursTheWidgetTakesAMessage() throws Exception {
        clock.set(CLOSED);
        try {
            String output = run("closed");
            assertThat(output).containsPattern("the closed notice said: Chat is closed, opens .*\\d")
                    .contains("the outage line was tel:+15550100")
                    .containsPattern("the visitor left a message as ticket \\d+");
            shots("widget-closed.png");
        } finally {
            clock.set(Instant.parse(ChatTestApplication.OPEN));
        }
    }

    private String run(String mode) throws Exception {
        Path out = Path.of("target/browser").toAbsolutePath();
        Files.createDirectories(out);
        Path log = out.resolve("chat.spec." + mode + ".log");
        ProcessBuilder builder = new ProcessBuilder("node", "chat.spec.mjs", "http://127.0.0.1:" + port, out.toString(), mode)
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PLAYWRIGHT_CORE", PLAYWRIGHT_CORE.toString());
        builder.environment().put("CHAT_CLOCK", clock.instant().toString());
        Process node = builder.start();
        if (!node.waitFor(180, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("the browser test (" + mode + ") did not finish within 180 s; see " + log);
        }
        String output = Files.readString(log);
        assertThat(node.exitValue()).as("chat.spec.mjs %s exit code; its output:%n%s", mode, output).isZero();
        return output;
    }

    private static void shots(String... names) {
        for (String shot : names) {
            File file = Path.of("target/browser", shot).toFile();
            assertThat(file).as(shot).exists();
            assertThat(file.length()).as(shot + " size").isGreaterThan(10_000);
        }
    }
}
