package io.intake.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.intake.core.IntakeException;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Ticket;
import io.intake.core.ticket.TicketNumber;
import io.intake.core.ticket.TicketUpdate;

import java.io.IOException;
import java.util.Locale;

/**
 * The one JSON wire form handed to trackers (snake_case, ISO-8601 instants, channel names in lower case, ticket numbers
 * as digit strings), described by {@code docs/ticket.schema.json}. Thread-safe.
 */
public final class WireFormat {

    /** Schema version written into every envelope. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("intake")
                    .addSerializer(TicketNumber.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(TicketNumber value, JsonGenerator gen, SerializerProvider p) throws IOException {
                            gen.writeString(value.toString());
                        }
                    })
                    .addDeserializer(TicketNumber.class, new JsonDeserializer<>() {
                        @Override
                        public TicketNumber deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                            return TicketNumber.parse(p.getValueAsString());
                        }
                    })
                    .addSerializer(Channel.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Channel value, JsonGenerator gen, SerializerProvider p) throws IOException {
                            gen.writeString(value.wireName());
                        }
                    })
                    .addDeserializer(Channel.class, new JsonDeserializer<>() {
                        @Override
                        public Channel deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                            return Channel.valueOf(p.getValueAsString().toUpperCase(Locale.ROOT));
                        }
                    }))
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private WireFormat() {
    }

    /** The configured mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The envelope for a new ticket: {@code {"type":"ticket.created","version":1,"ticket":{…}}}. */
    public static String created(Ticket ticket) {
        return write(new Envelope("ticket.created", VERSION, ticket, null));
    }

    /** The envelope for an update: {@code {"type":"ticket.updated","version":1,"update":{…}}}. */
    public static String updated(TicketUpdate update) {
        return write(new Envelope("ticket.updated", VERSION, null, update));
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IntakeException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IntakeException("cannot read " + type.getSimpleName() + " from JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** What trackers receive. Exactly one of {@code ticket} and {@code update} is set. */
    public record Envelope(String type, int version, Ticket ticket, TicketUpdate update) {
    }
}
