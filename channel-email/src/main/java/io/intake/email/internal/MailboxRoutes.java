package io.intake.email.internal;

import io.intake.email.MailboxConfig;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

import java.util.List;
import java.util.Properties;

/**
 * One camel-mail consumer route per mailbox. The consumer reads with {@code peek=true} (reading never sets \Seen),
 * never deletes ({@code delete=false}), and commits per message: \Seen (or a move) only when the exchange completes,
 * nothing when it fails (see camel-mail's {@code MailConsumer} commit/rollback). Passwords are set on the endpoint's
 * configuration, never written into the endpoint URI.
 */
public final class MailboxRoutes extends RouteBuilder {

    /** Route ids are this prefix and the mailbox's index in the configuration. */
    public static final String ROUTE_PREFIX = "intake-email-";
    /** Messages handled per poll; a larger backlog is read by the following (immediate) polls. */
    public static final int MAX_MESSAGES_PER_POLL = 100;
    /** POP3 has no \Seen flag: UIDs accepted in this run are remembered (in memory, this many) to skip them. */
    public static final int POP3_SEEN_CAPACITY = 100_000;

    /** How long a mailbox read may block before the poll fails and is retried with a new connection. */
    static final String READ_TIMEOUT_MS = "60000";

    /** A mailbox with what handles its messages. */
    public record Mailbox(MailboxConfig config, MailIntake intake, MailboxStats stats) {
    }

    private final List<Mailbox> mailboxes;

    public MailboxRoutes(List<Mailbox> mailboxes) {
        this.mailboxes = List.copyOf(mailboxes);
    }

    @Override
    public void configure() {
        for (int i = 0; i < mailboxes.size(); i++) {
            Mailbox m = mailboxes.get(i);
            MailEndpoint endpoint = getContext().getEndpoint(uri(m.config()), MailEndpoint.class);
            endpoint.getConfiguration().setPassword(m.config().password());
            endpoint.setPollStrategy(m.stats());
            endpoint.setMailUidGenerator(new ImapPrefetch());
            if (m.config().isPop3()) {
                endpoint.setIdempotentRepository(MemoryIdempotentRepository.memoryIdempotentRepository(POP3_SEEN_CAPACITY));
                endpoint.setIdempotentRepositoryRemoveOnCommit(false); // keep the UID after commit: that is the point
            }
            Properties props = new Properties();
            for (String p : List.of("imap", "imaps")) {
                props.setProperty("mail." + p + ".partialfetch", "false"); // one FETCH per message, not 16 KiB chunks
                props.setProperty("mail." + p + ".peek", "true"); // bulk prefetch (ImapPrefetch) must not set \\Seen
                props.setProperty("mail." + p + ".timeout", READ_TIMEOUT_MS); // a server that stops answering must not hang the poll
            }
            endpoint.getConfiguration().setAdditionalJavaMailProperties(props);
            from(endpoint).routeId(ROUTE_PREFIX + i)
                    .errorHandler(noErrorHandler())
                    .process(m.intake()).id("intake-email-submit-" + i);
        }
    }

    static String uri(MailboxConfig c) {
        StringBuilder uri = new StringBuilder(c.protocol()).append("://").append(c.host());
        if (c.port() > 0) {
            uri.append(':').append(c.port());
        }
        uri.append("?username=").append(encode(c.username()))
                .append("&folderName=").append(encode(c.folder()))
                .append("&peek=true&unseen=true&delete=false&closeFolder=true&disconnect=false&mapMailMessage=false")
                .append("&maxMessagesPerPoll=").append(MAX_MESSAGES_PER_POLL)
                .append("&greedy=true&initialDelay=0&delay=").append(c.pollInterval().toMillis())
                .append("&connectionTimeout=15000");
        if (c.processedFolder() != null) {
            uri.append("&moveTo=").append(encode(c.processedFolder()));
        }
        return uri.toString();
    }

    private static String encode(String value) {
        return "RAW(" + value + ")";
    }
}
