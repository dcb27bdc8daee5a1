package io.intake.gateway;

import io.intake.core.IntakeException;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code java -jar intake-gateway.jar [command] [--intake.x=y ...]}: the server ({@code serve}, the default) and the
 * command-line tools. Spring-style {@code --intake.x=y} arguments (and {@code --server.*}, {@code --spring.*},
 * {@code --logging.*}, {@code --management.*}, {@code --camel.*}) apply to every command.
 */
@Command(name = "intake-gateway", mixinStandardHelpOptions = true, versionProvider = GatewayMain.Version.class,
        description = "Omnichannel support-intake gateway: email, chat, phone, web and monitoring become one "
                + "SLA-stamped ticket, delivered to your tracker.",
        subcommands = {ServeCommand.class, ClassifyCommand.class, TrainModelCommand.class, SlaCommand.class, TicketsCommand.class,
                OutboxCommand.class, EmailCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Settings: any --intake.<name>=<value> (see README.md), for example --intake.data-dir=/var/lib/intake"})
public class GatewayMain implements Callable<Integer> {

    private static final List<String> SPRING_PREFIXES = List.of("--intake.", "--server.", "--spring.", "--logging.",
            "--management.", "--camel.");

    /** The settings arguments, handed to whichever command runs. */
    static List<String> springArgs = List.of();

    /** The exit code {@code serve} answers: the server is running, the JVM must stay up. */
    static final int SERVING = Integer.MIN_VALUE;

    public static void main(String[] args) {
        int code = run(args);
        if (code != SERVING) {
            System.exit(code);
        }
    }

    /** Runs a command and answers its exit code, or {@link #SERVING} when the server was started and keeps running. */
    public static int run(String... args) {
        List<String> settings = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (SPRING_PREFIXES.stream().anyMatch(arg::startsWith)) {
                settings.add(arg);
            } else {
                rest.add(arg);
            }
        }
        springArgs = List.copyOf(settings);
        CommandLine cli = new CommandLine(new GatewayMain());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IntakeException || t instanceof java.io.UncheckedIOException) {
                    commandLine.getErr().println(commandLine.getColorScheme().errorText("error: " + t.getMessage()));
                    return 2;
                }
            }
            throw e;
        });
        return cli.execute(rest.toArray(String[]::new));
    }

    /** Without a command, serve. */
    @Override
    public Integer call() {
        return ServeCommand.serve(springArgs);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = GatewayMain.class.getPackage().getImplementationVersion();
            return new String[]{"intake-gateway " + (v == null ? "development build" : v)};
        }
    }
}

@Command(name = "serve", description = "Start the gateway (the default command).")
class ServeCommand implements Callable<Integer> {

    static int serve(List<String> springArgs) {
        SpringApplication.run(GatewayApplication.class, springArgs.toArray(String[]::new));
        return GatewayMain.SERVING;
    }

    @Override
    public Integer call() {
        return serve(GatewayMain.springArgs);
    }
}
