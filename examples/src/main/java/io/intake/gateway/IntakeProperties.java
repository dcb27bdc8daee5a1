package io.intake.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every setting of the gateway, under the one prefix {@code intake.}. Bound once at start; {@link SettingsCheck}
 * reports every problem at once, naming the property.
 *
 * @param dataDir   folder of the embedded stores (H2 database, attachments)
 * @param node      this node's name in outbox leases; default pid@host
 * @param clock     clock settings (a fixed instant for demos and tests)
 * @param database  the gateway's own database; default an H2 file under the data folder
 * @param tracker   where tickets are delivered
 * @param delivery  retries and backoff towards the tracker
 * @param limits    request limits
 * @param severity  the severity rules
 * @param sla       business calendars and breach warnings
 * @param escalation where escalation events go
 * @param directory the customer directory
 * @param email     the email channel
 * @param chat      the chat channel (see {@code io.intake.chat.ChatChannelProperties})
 * @param telephony the telephony channel
 * @param web       the web channel
 */
@ConfigurationProperties("intake")
public record IntakeProperties(@DefaultValue("./data") Path dataDir, String node, @DefaultValue Clock clock,
                               @DefaultValue Database database, @DefaultValue Tracker tracker,
                               @DefaultValue Delivery delivery, @DefaultValue Limits limits,
                               @DefaultValue Severity severity, @DefaultValue Sla sla,
                               @DefaultValue Escalation escalation,
                               @DefaultValue Directory directory,
                               @DefaultValue Email email, @DefaultValue io.intake.chat.ChatChannelProperties chat,
                               @DefaultValue Telephony telephony, @DefaultValue Switch web) {

    /** @param fixed an ISO instant the gateway's clock stands still at (demos and tests); empty for the real clock */
    public record Clock(Instant fixed) {
    }

    /**
     * @param url      JDBC URL; empty for the embedded H2 file under the data folder
     * @param username database user
     * @param password database password (secret)
     * @param poolSize connections in the pool
     */
    public record Database(String url, String username, String password, @DefaultValue("10") int poolSize) {

        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + ", password=***, poolSize=" + poolSize + "]";
        }
    }

    /**
     * @param type    {@code jdbc} (default: the embedded tracker store), {@code webhook}, {@code camel} or {@code none}
     * @param jdbc    the JDBC tracker store
     * @param webhook the HTTP webhook tracker
     * @param camel   the Camel endpoint bridge
     */
    public record Tracker(@DefaultValue("jdbc") String type, @DefaultValue JdbcTracker jdbc,
                          @DefaultValue Webhook webhook, @DefaultValue CamelTracker camel) {
    }

    /**
     * @param url         JDBC URL of the tracker store; empty to use the gateway's own database
     * @param username    user
     * @param password    password (secret)
     * @param tablePrefix prefix of the store's tables
     */
    public record JdbcTracker(String url, String username, String password, @DefaultValue("tracker_") String tablePrefix) {

        @Override
        public String toString() {
            return "JdbcTracker[url=" + url + ", username=" + username + ", password=***, tablePrefix=" + tablePrefix + "]";
        }
    }

    /**
     * @param url            where new tickets (and, without update-url, updates) are POSTed
     * @param updateUrl      where updates are POSTed; empty to use {@code url}
     * @param secret         shared secret for the HMAC-SHA256 signature header (secret)
     * @param connectTimeout connect timeout
     * @param requestTimeout request timeout
     */
    public record Webhook(URI url, URI updateUrl, String secret, @DefaultValue("5s") Duration connectTimeout,
                          @DefaultValue("10s") Duration requestTimeout) {

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", updateUrl=" + updateUrl + ", secret=***, connectTimeout=" + connectTimeout
                    + ", requestTimeout=" + requestTimeout + "]";
        }
    }

    /**
     * @param createUri Camel endpoint URI that receives new tickets (file:, sql:, kafka:, jms:, jira:, ...)
     * @param updateUri endpoint URI for updates; empty to use {@code create-uri}
     */
    public record CamelTracker(String createUri, String updateUri) {
    }

    /**
     * @param maxAttempts    attempts before an entry is parked
     * @param initialBackoff first wait after a failure, doubled each time
     * @param maxBackoff     longest wait between attempts
     * @param batchSize      entries claimed per round
     * @param pollInterval   how often the outbox is checked
     * @param lease          how long a node owns a claimed entry
     */
    public record Delivery(@DefaultValue("30") int maxAttempts, @DefaultValue("1s") Duration initialBackoff,
                           @DefaultValue("5m") Duration maxBackoff, @DefaultValue("100") int batchSize,
                           @DefaultValue("200ms") Duration pollInterval, @DefaultValue("2m") Duration lease) {
    }

    /**
     * @param maxBodyChars          longest body, in characters
     * @param maxAttachments        most attachments per request
     * @param maxAttachmentBytes    largest attachment
     * @param maxTotalBytes         largest sum of attachments per request
     * @param inlineAttachmentBytes attachments up to this size are also carried inline in the ticket
     */
    public record Limits(@DefaultValue("100000") int maxBodyChars, @DefaultValue("20") int maxAttachments,
                         @DefaultValue("26214400") long maxAttachmentBytes, @DefaultValue("52428800") long maxTotalBytes,
                         @DefaultValue("4096") int inlineAttachmentBytes) {
    }

    /**
     * @param rulesFile a rules file replacing or extending the built-in rules; reloaded when it changes
     * @param model     the word model that gives the rules a second opinion: {@code shipped} (the one in the jar),
     *                  {@code off} (the rules alone decide), or the path of a file made by {@code train-model}
     */
    public record Severity(Path rulesFile, @DefaultValue("shipped") String model) {
    }

    /**
     * @param calendars named business calendars overriding or adding to the defaults (office, chat, installation)
     * @param terms     per severity (low, degraded, critical), what replaces the agreement's default terms
     * @param warnings  fractions of each target at which breach warnings are raised
     */
    public record Sla(Map<String, Calendar> calendars, Map<String, Terms> terms,
                      @DefaultValue({"0.75", "0.9"}) List<Double> warnings) {
    }

    /**
     * One severity's terms; what is left out keeps the default.
     *
     * @param clock          {@code business} (on the calendar) or {@code wall-clock}
     * @param calendar       the calendar name (business time; for wall-clock only the display zone)
     * @param responseTarget time to the response target, for example {@code 10h} or {@code 15m}
     * @param ackDeadline    time to the hard acknowledgement limit (it then becomes the committed deadline)
     */
    public record Terms(String clock, String calendar, Duration responseTarget, Duration ackDeadline) {
    }

    /**
     * @param zone     IANA time zone, for example America/Chicago
     * @param hours    opening hours, for example {@code mon-fri 08:00-19:00} or {@code daily 09:00-18:00}
     * @param holidays holidays, for example {@code 12-25, 01-01, nov:thu#4}
     */
    public record Calendar(String zone, String hours, String holidays) {
    }

    /**
     * @param uri Camel endpoint URI receiving escalation events as JSON (each new CRITICAL ticket, SLA warnings and
     *            breaches); empty to switch escalation off
     */
    public record Escalation(@DefaultValue("log:io.intake.escalation?level=WARN&showHeaders=false") String uri) {
    }

    /**
     * The email channel; see {@code io.intake.email.EmailConfig} for each setting.
     *
     * @param enabled         whether the channel runs
     * @param mailboxes       mailboxes to poll (url imap|imaps|pop3|pop3s://host[:port], username, password, folder,
     *                        poll-interval, quarantine-folder, max-attempts, processed-folder)
     * @param smtp            where acknowledgements are sent (url smtp|smtps://host[:port], username, password)
     * @param from            the acknowledgements' From address
     * @param fromName        their display name
     * @param templateFolder  replacement templates (ack.txt, ack-update.txt, rejected.txt)
     * @param ackUpdates      acknowledge replies that update a ticket
     * @param ackLimit        acknowledgements per recipient per window
     * @param ackLimitWindow  the window of that limit
     * @param zone            the zone deadlines are written in
     * @param responseTargets the promise in words per severity, {due} standing for the deadline
     * @param demoServer      the embedded demo mail server (started when no mailbox is configured)
     */
    public record Email(@DefaultValue("true") boolean enabled, List<io.intake.email.MailboxConfig> mailboxes,
                        io.intake.email.SmtpConfig smtp, @DefaultValue("help@localhost") String from, String fromName,
                        Path templateFolder, boolean ackUpdates, @DefaultValue("5") int ackLimit,
                        @DefaultValue("1h") Duration ackLimitWindow, @DefaultValue("America/New_York") java.time.ZoneId zone,
                        Map<io.intake.core.ticket.Severity, String> responseTargets, @DefaultValue EmailDemo demoServer) {
    }

    /**
     * @param enabled  start the demo server; empty means only when no mailbox is configured
     * @param smtpPort its SMTP port on 127.0.0.1 (0 picks a free one)
     * @param imapPort its IMAP port on 127.0.0.1 (0 picks a free one)
     */
    public record EmailDemo(Boolean enabled, @DefaultValue("3025") int smtpPort, @DefaultValue("3143") int imapPort) {
    }

    /** @param file a YAML customer directory (accounts, contacts, phone numbers, sites); empty for none */
    public record Directory(Path file) {
    }

    /**
     * The telephony channel (FastAGI IVR, AMI registration monitor, call-outs); unset values keep the channel's
     * defaults.
     *
     * @param enabled whether the channel runs
     * @param agi     the IVR's FastAGI server
     * @param ami     the manager connection (off without a host)
     * @param monitor registration monitoring
     * @param callOut call-outs to on-call for CRITICAL tickets (off without a destination)
     */
    public record Telephony(@DefaultValue("true") boolean enabled, @DefaultValue Agi agi, @DefaultValue Ami ami,
                            @DefaultValue Monitor monitor, @DefaultValue CallOut callOut) {
    }

    /**
     * @param bind               address to listen on
     * @param port               port to listen on; 0 turns the IVR off
     * @param recordingDirectory where Asterisk writes recordings, on the PBX
     * @param recordingFormat    recording format, e.g. wav
     * @param maxRecording       longest description a caller may record
     * @param digitTimeout       how long to wait for digits
     * @param maxTries           bad answers before the call continues without them
     * @param onCallTransfer     Dial string of on-call for CRITICAL callers, e.g. PJSIP/oncall
     * @param maxCalls           concurrent calls
     */
    public record Agi(@DefaultValue("127.0.0.1") String bind, @DefaultValue("4573") int port, String recordingDirectory,
                      String recordingFormat, Duration maxRecording, Duration digitTimeout, Integer maxTries,
                      String onCallTransfer, Integer maxCalls) {
    }

    /**
     * @param host     the PBX's AMI host; empty turns AMI off
     * @param port     AMI port
     * @param username manager.conf user
     * @param password manager.conf secret (secret)
     */
    public record Ami(String host, @DefaultValue("5038") int port, String username, String password) {

        @Override
        public String toString() {
            return "Ami[host=" + host + ", port=" + port + ", username=" + username + ", password=***]";
        }
    }

    /**
     * @param inventory the inventory file (endpoints to sites, customers and monitoring windows); empty turns it off
     * @param debounce  how long a phone must stay offline (or back) before it counts
     */
    public record Monitor(Path inventory, @DefaultValue("120s") Duration debounce) {
    }

    /**
     * @param destination the channel to call, e.g. PJSIP/oncall; empty turns call-outs off
     * @param agiUrl      how Asterisk reaches this gateway's FastAGI server, e.g. agi://10.0.0.5:4573
     */
    public record CallOut(String destination, String agiUrl) {
    }

    /** @param enabled whether the channel runs */
    public record Switch(@DefaultValue("true") boolean enabled) {
    }
}
