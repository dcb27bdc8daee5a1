package io.intake.core.tracker;

import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A folder as the tracker: {@code file:<folder>}, one JSON file per ticket and per update. */
class CamelEndpointTrackerSinkFileTest extends TrackerSinkContract {

    private static final Pattern TICKET_FILE = Pattern.compile("(\\d+)\\.json");

    @TempDir
    Path folder;

    private CamelContext context;
    private CamelEndpointTrackerSink sink;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.start();
        sink = new CamelEndpointTrackerSink(context, CamelEndpointConfig.of("file:" + folder.toAbsolutePath()));
    }

    @AfterEach
    void stop() throws Exception {
        sink.close();
        context.close();
    }

    @Override
    protected TrackerSink sink() {
        return sink;
    }

    @Override
    protected List<String> deliveredTicketNumbers() {
        return files(folder).stream().map(TICKET_FILE::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
    }

    @Override
    protected List<Integer> deliveredUpdateSequences(TicketNumber number) {
        Pattern update = Pattern.compile(number + "-(\\d+)\\.json");
        return files(folder).stream().map(update::matcher).filter(Matcher::matches)
                .map(m -> Integer.valueOf(m.group(1))).sorted().toList();
    }

    @Override
    protected Optional<String> deliveredTicketJson(TicketNumber number) {
        Path file = folder.resolve(number + ".json");
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    @Test
    void namesFilesAfterTheIdempotencyKey() {
        Ticket ticket = Tickets.ticket();

        sink.append(Tickets.update(ticket.number(), 1), sink.create(ticket));

        assertThat(files(folder)).containsExactlyInAnyOrder(ticket.number() + ".json", ticket.number() + "-1.json");
        assertThat(sink.name()).isEqualTo("camel:file");
    }

    @Test
    void fileNameOptionOfTheUriWins() {
        var custom = new CamelEndpointTrackerSink(context, CamelEndpointConfig.of("file:" + folder.toAbsolutePath()
                + "?fileName=${header.IntakeEventType}-${header.IntakeIdempotencyKey}.txt"));
        Ticket ticket = Tickets.ticket();

        custom.create(ticket);

        assertThat(files(folder)).containsExactly("ticket.created-" + ticket.number() + ".txt");
    }

    @Test
    void updatesGoToTheirOwnEndpointWhenOneIsConfigured() {
        Path tickets = folder.resolve("tickets");
        Path updates = folder.resolve("updates");
        var split = new CamelEndpointTrackerSink(context, new CamelEndpointConfig("file:" + tickets.toAbsolutePath(),
                "file:" + updates.toAbsolutePath()));
        Ticket ticket = Tickets.ticket();

        split.append(Tickets.update(ticket.number(), 1), split.create(ticket));

        assertThat(files(tickets)).containsExactly(ticket.number() + ".json");
        assertThat(files(updates)).containsExactly(ticket.number() + "-1.json");
    }

    @Test
    void unwritableFolderIsRetried() throws IOException {
        Path blocker = Files.writeString(folder.resolve("not-a-folder"), "x");
        var blocked = new CamelEndpointTrackerSink(context, CamelEndpointConfig.of("file:" + blocker.toAbsolutePath() + "/inside"));

        assertThatThrownBy(() -> blocked.create(Tickets.ticket()))
                .isInstanceOf(DeliveryException.class)
                .isNotInstanceOf(RejectedDeliveryException.class)
                .hasMessageContaining("will retry");
    }

    private static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
