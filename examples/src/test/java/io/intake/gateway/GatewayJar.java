package io.intake.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built gateway jar as a separate process, as a user would. */
final class GatewayJar {

    static final Path JAR = Path.of(System.getProperty("intake.gateway.jar", "target/intake-gateway.jar"));

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private GatewayJar() {
    }

    static ProcessBuilder command(String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR.toAbsolutePath() + " is missing; build it with ./mvnw package (failsafe runs after it)");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Runs a command to completion with the given stdin. */
    static Run run(String stdin, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("gateway-out", ".txt");
        Path err = Files.createTempFile("gateway-err", ".txt");
        Process p = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gateway command did not finish: " + List.of(args));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
