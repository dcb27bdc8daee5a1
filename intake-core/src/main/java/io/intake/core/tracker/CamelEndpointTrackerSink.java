package io.intake.core.tracker;

import io.intake.core.InvalidFieldException;
import io.intake.core.json.WireFormat;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketUpdate;
import io.intake.core.tracker.internal.SqlStates;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Any Camel endpoint as the tracker ({@code file:}, {@code sql:}, {@code kafka:}, {@code jms:}, {@code jira:}, a
 * {@code direct:} route of your own...), through a {@link ProducerTemplate} of a started {@link CamelContext}. The
 * endpoints are resolved when the sink is built, so a bad URI fails at start-up naming the property.
 * <p>
 * The message body is the wire JSON ({@link WireFormat#created}, {@link WireFormat#updated}); the headers are
 * {@value #TICKET_NUMBER} (digits, as a string), {@value #UPDATE_SEQUENCE} (updates, an integer), {@value #EVENT_TYPE}
 * ({@code ticket.created} or {@code ticket.updated}), {@value #IDEMPOTENCY_KEY} ({@code <number>} or
 * {@code <number>-<sequence>}), {@value #SEVERITY} (when known), {@code Content-Type: application/json}, for updates
 * {@value #TRACKER_KEY} (what the creation returned), and {@code CamelFileName} ({@code <number>.json} or
 * {@code <number>-<sequence>.json}) unless the URI sets {@code fileName}. A route may set {@value #TRACKER_KEY} on a
 * creation to report the tracker's own key; otherwise the key is the ticket number.
 * <p>
 * <b>Idempotency.</b> After a crash the same ticket or update is sent again with the same {@value #IDEMPOTENCY_KEY};
 * the endpoint must make that harmless. {@code file:} does by itself (the default file name is the key, so the file is
 * overwritten with the same content). For {@code sql:} write an upsert, not a plain {@code INSERT} (a plain insert
 * fails on the redelivery with a unique violation, and the entry is parked). {@value #TICKET_NUMBER} is a string, so
 * key the table on a {@code VARCHAR} column (or {@code CAST} it):
 * <pre>{@code
 * PostgreSQL:
 *   sql:INSERT INTO tickets (ticket_number, payload) VALUES (:#${header.IntakeTicketNumber}, :#${body})
 *       ON CONFLICT (ticket_number) DO NOTHING?dataSource=#trackerDb
 * H2:
 *   sql:MERGE INTO tickets (ticket_number, payload) KEY (ticket_number)
 *       VALUES (:#${header.IntakeTicketNumber}, :#${body})?dataSource=#trackerDb
 * }</pre>
 * For messaging ({@code kafka:}, {@code jms:}) use the idempotency key as the message key or a de-duplication id, or
 * let the consumer ignore keys it has seen.
 * <p>
 * <b>Failures.</b> An exception from the endpoint is a {@link DeliveryException} (retried), unless its cause chain holds
 * a {@link RejectedDeliveryException} (a route may throw one to park the entry), an {@link IllegalArgumentException},
 * a {@link NoSuchEndpointException} or {@link ResolveEndpointFailedException}, or an {@link SQLException} with SQLState
 * class 22 or 23 (the database refused the payload): those are a {@link RejectedDeliveryException}. Thread-safe;
 * {@link #close()} stops the template, not the context.
 */
public final class CamelEndpointTrackerSink implements TrackerSink, AutoCloseable {

    public static final String TICKET_NUMBER = "IntakeTicketNumber";
    public static final String UPDATE_SEQUENCE = "IntakeUpdateSequence";
    public static final String EVENT_TYPE = "IntakeEventType";
    public static final String IDEMPOTENCY_KEY = "IntakeIdempotencyKey";
    public static final String SEVERITY = "IntakeSeverity";
    public static final String TRACKER_KEY = "IntakeTrackerKey";

    private static final Logger LOG = LoggerFactory.getLogger(CamelEndpointTrackerSink.class);
    private static final Pattern FILE_NAME_OPTION = Pattern.compile("[?&]fileName=");
    private static final int MAX_CAUSE_DEPTH = 25;

    private final Endpoint createEndpoint;
    private final Endpoint updateEndpoint;
    private final ProducerTemplate template;

    public CamelEndpointTrackerSink(CamelContext context, CamelEndpointConfig config) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(config, "config");
        this.createEndpoint = resolve(context, CamelEndpointConfig.CREATE_URI_PROPERTY, config.createUri());
        this.updateEndpoint = resolve(context, CamelEndpointConfig.UPDATE_URI_PROPERTY, config.updateUri());
        this.template = context.createProducerTemplate();
    }

    @Override
    public String create(Ticket ticket) {
        String number = ticket.number().toString();
        Exchange exchange = send(createEndpoint, "ticket.created", number, WireFormat.created(ticket), Map.of(
                TICKET_NUMBER, number,
                EVENT_TYPE, "ticket.created",
                IDEMPOTENCY_KEY, number,
                SEVERITY, ticket.severity().name()), number + ".json");
        String key = exchange.getMessage().getHeader(TRACKER_KEY, String.class);
        return key == null || key.isBlank() ? number : key;
    }

    @Override
    public void append(TicketUpdate update, String trackerKey) {
        String number = update.ticketNumber().toString();
        String idempotencyKey = number + "-" + update.sequence();
        var headers = new HashMap<String, Object>(Map.of(
                TICKET_NUMBER, number,
                UPDATE_SEQUENCE, update.sequence(),
                EVENT_TYPE, "ticket.updated",
                IDEMPOTENCY_KEY, idempotencyKey));
        if (update.classification() != null) {
            headers.put(SEVERITY, update.classification().severity().name());
        }
        if (trackerKey != null) {
            headers.put(TRACKER_KEY, trackerKey);
        }
        send(updateEndpoint, "ticket.updated", idempotencyKey, WireFormat.updated(update), headers, idempotencyKey + ".json");
    }

    /** {@code camel:<scheme>}, for example {@code camel:file}. */
    @Override
    public String name() {
        String uri = createEndpoint.getEndpointUri();
        int colon = uri.indexOf(':');
        return "camel:" + (colon > 0 ? uri.substring(0, colon) : uri);
    }

    @Override
    public void close() {
        template.stop();
    }

    @Override
    public String toString() {
        return "CamelEndpointTrackerSink[" + URISupport.sanitizeUri(createEndpoint.getEndpointUri()) + "]";
    }

    private Exchange send(Endpoint endpoint, String event, String key, String json, Map<String, Object> headers,
                          String fileName) {
        String uri = endpoint.getEndpointUri();
        Exchange exchange;
        try {
            exchange = template.send(endpoint, ex -> {
                ex.getMessage().setBody(json);
                ex.getMessage().setHeaders(new HashMap<>(headers));
                ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                if (!FILE_NAME_OPTION.matcher(uri).find()) {
                    ex.getMessage().setHeader(Exchange.FILE_NAME, fileName);
                }
            });
        } catch (RuntimeException e) {
            throw failure(event + " " + key, endpoint, e);
        }
        if (exchange.getException() != null) {
            throw failure(event + " " + key, endpoint, exchange.getException());
        }
        LOG.debug("Sent {} {} to {}", event, key, URISupport.sanitizeUri(uri));
        return exchange;
    }

    private static DeliveryException failure(String what, Endpoint endpoint, Exception e) {
        String message = "cannot send " + what + " to " + URISupport.sanitizeUri(endpoint.getEndpointUri()) + ": "
                + describe(e);
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof RejectedDeliveryException) {
                return new RejectedDeliveryException(message + " (rejected by the route)", e);
            }
            if (t instanceof IllegalArgumentException || t instanceof NoSuchEndpointException
                    || t instanceof ResolveEndpointFailedException) {
                return new RejectedDeliveryException(message + " (" + t.getClass().getSimpleName()
                        + "; will not succeed on retry)", e);
            }
            if (t instanceof SQLException sql && SqlStates.isCausedByPayload(sql)) {
                return new RejectedDeliveryException(message + " (SQLState " + SqlStates.of(sql)
                        + ": the database refused the payload)", e);
            }
        }
        return new DeliveryException(message + ", will retry", e);
    }

    /** The innermost cause's type and message, shortened; for SQL only the SQLState (messages may quote values). */
    private static String describe(Exception e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && depth < MAX_CAUSE_DEPTH; depth++) {
            root = root.getCause();
        }
        if (root instanceof SQLException sql) {
            return "SQLException, SQLState " + SqlStates.of(sql);
        }
        String text = root.getMessage() == null ? "" : root.getMessage().replaceAll("\\s+", " ");
        return root.getClass().getSimpleName() + (text.isEmpty() ? "" : " " + (text.length() <= 200 ? text : text.substring(0, 200) + "..."));
    }

    private static Endpoint resolve(CamelContext context, String property, String uri) {
        try {
            return CamelContextHelper.getMandatoryEndpoint(context, uri);
        } catch (RuntimeException e) {
            throw new InvalidFieldException(property, "'" + URISupport.sanitizeUri(uri)
                    + "' is not a usable Camel endpoint URI: " + e.getMessage());
        }
    }
}
