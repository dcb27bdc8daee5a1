package io.intake.gateway;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The built jar, run as a separate process: the server and every command-line tool. */
class GatewayJarIT {

    /** bcrypt of "portal-pass-2026". */
    private static final String STAFF_HASH = "$2a$10$7w3hHrtbo1N43HFNlZfJcOayLGJwgb6m99Ttps2L1tpNXFmKsKHRO";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    Path dataDir;

    private String dataDirArg() {
        return "--intake.data-dir=" + dataDir;
    }

    @Nested
    class CommandLine {

        @Test
        void helpListsEveryCommand() throws Exception {
            GatewayJar.Run run = GatewayJar.run("", "--help");
            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("serve", "classify", "train-model", "sla", "tickets", "outbox", "email");
        }

        @Test
        void classifyAnswersOneLinePerInputAndAnErrorLineForABadOne() throws Exception {
            String input = """
                    {"id":"a","channel":"chat","subject":"","body":"every phone at both offices is dead since 8am, internet is fine"}
                    not json at all
                    {"id":"b","channel":"email","subject":"How do I park a call?","body":"Can you send the guide for call park?","expected_severity":"HIGH"}
                    {"id":"c","channel":"fax","subject":"x","body":"y"}
                    """;
            GatewayJar.Run run = GatewayJar.run(input, "classify", dataDirArg());
            assertThat(run.lines()).hasSize(4);
            assertThat(run.lines().get(0)).contains("\"id\":\"a\"").contains("\"severity\":\"CRITICAL\"").contains("\"rule\"");
            assertThat(run.lines().get(1)).contains("\"error\"");
            assertThat(run.lines().get(2)).contains("\"id\":\"b\"").contains("\"severity\":\"LOW\"");
            assertThat(run.lines().get(3)).contains("\"id\":\"c\"").contains("\"error\"").contains("channel");
            assertThat(run.exit()).isEqualTo(1);
        }

        @Test
        void trainModelMakesAModelThatClassifyUsesAndStopsAtABadLine() throws Exception {
            Path labelled = java.nio.file.Files.writeString(dataDir.resolve("labelled.jsonl"), """
                    {"subject":"All phones down","body":"no phone in the office rings, nobody can call us","severity":"CRITICAL"}
                    {"subject":"Park","body":"call park drops the caller on one phone","severity":"DEGRADED"}
                    {"subject":"Invoice","body":"please send a copy of the invoice","severity":"LOW"}
                    """);
            Path model = dataDir.resolve("model.gz");
            GatewayJar.Run trained = GatewayJar.run("", "train-model", "--out", model.toString(), labelled.toString());
            assertThat(trained.exit()).as(trained.err()).isZero();
            assertThat(trained.out()).contains("trained on 3 labelled tickets");
            assertThat(model).exists();

            String input = "{\"id\":\"a\",\"channel\":\"chat\",\"subject\":\"\",\"body\":\"how do I set up call forwarding?\"}\n";
            GatewayJar.Run withModel = GatewayJar.run(input, "classify", "--model", model.toString(), dataDirArg());
            assertThat(withModel.exit()).as(withModel.err()).isZero();
            assertThat(withModel.lines().get(0)).contains("\"severity\":\"LOW\"");
            GatewayJar.Run rulesAlone = GatewayJar.run(input, "classify", "--model", "off", dataDirArg());
            assertThat(rulesAlone.lines().get(0)).contains("\"severity\":\"LOW\"").doesNotContain("second-opinion");
            Path corrupt = java.nio.file.Files.writeString(dataDir.resolve("corrupt.gz"), "not a model");
            GatewayJar.Run refused = GatewayJar.run(input, "classify", "--model", corrupt.toString(), dataDirArg());
            assertThat(refused.exit()).as("a model that cannot be read stops classify").isNotZero();
            assertThat(refused.err()).contains("word model file").contains("corrupt.gz");

            java.nio.file.Files.writeString(labelled, "{\"subject\":\"x\",\"body\":\"y\",\"severity\":\"HIGH\"}\n");
            GatewayJar.Run bad = GatewayJar.run("", "train-model", "--out", dataDir.resolve("bad.gz").toString(), labelled.toString());
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err()).contains("labelled.jsonl:1").contains("'HIGH' is not a severity");
            assertThat(dataDir.resolve("bad.gz")).doesNotExist();
        }

        @Test
        void slaComputesDeadlinesWithOffsets() throws Exception {
            String input = """
                    {"id":"1","received_at":"2026-06-10T10:15:00-04:00","severity":"LOW","channel":"email"}
                    {"id":"2","received_at":"2026-06-10T03:12:00-04:00","severity":"CRITICAL","channel":"phone"}
                    """;
            GatewayJar.Run run = GatewayJar.run(input, "sla", dataDirArg());
            assertThat(run.exit()).isZero();
            assertThat(run.lines().get(0)).contains("\"response_due\":\"2026-06-11T10:15:00-04:00\"");
            assertThat(run.lines().get(1)).contains("\"response_target\":\"2026-06-10T03:27:00-04:00\"")
                    .contains("\"ack_deadline\":\"2026-06-10T04:12:00-04:00\"");
        }

        @Test
        void badSettingsAreAllReportedWithANonZeroExit() throws Exception {
            GatewayJar.Run run = GatewayJar.run("", "tickets", dataDirArg(), "--intake.tracker.type=fax",
                    "--intake.delivery.max-attempts=0");
            assertThat(run.exit()).isNotZero();
            assertThat(run.err()).contains("intake.tracker.type").contains("intake.delivery.max-attempts");
        }

        @Test
        void anUnknownCommandIsRefused() throws Exception {
            GatewayJar.Run run = GatewayJar.run("", "frobnicate");
            assertThat(run.exit()).isNotZero();
            assertThat(run.err()).contains("frobnicate");
        }

        @Test
        void outboxReplayNeedsATarget() throws Exception {
            GatewayJar.Run run = GatewayJar.run("", "outbox", "replay", dataDirArg());
            assertThat(run.exit()).isNotZero();
            assertThat(run.err()).contains("--ticket").contains("--all");
        }
    }

    /** Plays a caller who chooses menu 1 and hangs up at the account prompt, as Asterisk would send it. */
    private static void callTheIvr(int agiPort) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", agiPort)) {
            socket.setSoTimeout(20_000);
            var out = new java.io.PrintStream(socket.getOutputStream(), true, java.nio.charset.StandardCharsets.US_ASCII);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            for (String line : List.of("agi_network: yes", "agi_network_script: ivr",
                    "agi_request: agi://127.0.0.1:" + agiPort + "/ivr", "agi_channel: PJSIP/site-a-101-00000001",
                    "agi_language: en", "agi_type: PJSIP", "agi_uniqueid: 1795627845.42", "agi_version: 22.10.1",
                    "agi_callerid: 5550100999", "agi_calleridname: Test Caller", "agi_context: intake",
                    "agi_extension: 100", "agi_priority: 2", "agi_accountcode: ", "")) {
                out.print(line + "\n");
            }
            out.flush();
            boolean menuAnswered = false;
            for (String command = in.readLine(); command != null; command = in.readLine()) {
                if (command.startsWith("GET DATA") && !menuAnswered) {
                    menuAnswered = true;
                    out.print("200 result=1\n");
                } else if (command.startsWith("GET DATA") || command.startsWith("WAIT FOR DIGIT")
                        || command.startsWith("RECORD FILE") || command.startsWith("SAY")) {
                    out.print("HANGUP\n511 Command Not Permitted on a dead channel or intercept routine\n");
                } else {
                    out.print("200 result=0\n");
                }
                out.flush();
            }
        }
    }

    /** A customer mails help@localhost through the embedded demo server. */
    private static void sendMail(int smtpPort) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(props);
        jakarta.mail.internet.MimeMessage mail = new jakarta.mail.internet.MimeMessage(session);
        mail.setFrom("Pat O'Neil <pat@example.com>");
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, "help@localhost");
        mail.setSubject("Voicemail not working");
        mail.setText("Since this morning nobody can play their voicemail messages. Calls are fine.");
        jakarta.mail.Transport.send(mail);
    }

    @Test
    void theServerStartsOnEmbeddedDefaultsAndTheToolsWorkWhileItRuns() throws Exception {
        int port = GatewayJar.freePort();
        int agiPort = GatewayJar.freePort();
        int smtpPort = GatewayJar.freePort();
        int imapPort = GatewayJar.freePort();
        Process server = GatewayJar.command(dataDirArg(), "--server.port=" + port, "--intake.telephony.agi.port=" + agiPort,
                        "--intake.web.staff[0].username=ops", "--intake.web.staff[0].password-hash=" + STAFF_HASH,
                        "--intake.email.demo-server.smtp-port=" + smtpPort, "--intake.email.demo-server.imap-port=" + imapPort)
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            // The overall status: components (disk space, ping) are UP long before the routes run.
            await().atMost(Duration.ofSeconds(180)).ignoreExceptions().until(() -> JSON.readTree(http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("status").asText().equals("UP"));
            String anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(anonymous).as("details need a staff login").doesNotContain("outbox_pending");
            String staff = "Basic " + java.util.Base64.getEncoder().encodeToString("ops:portal-pass-2026".getBytes());
            String health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .header("Authorization", staff).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(health).contains("outbox_pending").contains("\"tracker\":\"jdbc\"");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("metrics need a staff login").isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/metrics"))
                    .header("Authorization", staff).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/chat/status")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chat.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(chat.body()).path("zone").asText()).isEqualTo("America/Chicago");
            for (String page : List.of("/chat/demo", "/chat/widget.js", "/chat/widget.css")) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + page)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as(page).isEqualTo(200);
            }

            callTheIvr(agiPort);
            sendMail(smtpPort);
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/tickets"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Dana Reyes\",\"email\":\"dana@example.com\","
                            + "\"category\":\"how_to\",\"subject\":\"How do I record a new greeting?\",\"description\":\"Please send the steps.\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).as(api.body()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                GatewayJar.Run tickets = GatewayJar.run("", "tickets", dataDirArg());
                assertThat(tickets.exit()).as(tickets.err()).isZero();
                assertThat(tickets.lines()).hasSize(3);
                assertThat(tickets.out()).contains("\"channel\":\"phone\"").contains("\"channel\":\"email\"")
                        .contains("\"channel\":\"web\"");
                assertThat(tickets.lines()).allSatisfy(line -> assertThat(line).contains("\"delivery_state\":\"delivered\""));
                assertThat(tickets.lines()).anySatisfy(line -> assertThat(line).contains("\"channel\":\"phone\"")
                        .contains("\"severity\":\"CRITICAL\""));
            });
            GatewayJar.Run outbox = GatewayJar.run("", "outbox", "list", dataDirArg());
            assertThat(outbox.exit()).as(outbox.err()).isZero();
        } catch (Exception | AssertionError e) {
            System.out.println("---- the gateway's log ----\n" + java.nio.file.Files.readString(dataDir.resolve("server.log")));
            throw e;
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
