package io.intake.core.tracker;

import io.intake.core.InvalidFieldException;

/**
 * Settings of the {@link CamelEndpointTrackerSink}, under {@code intake.tracker.camel}.
 *
 * @param createUri the Camel endpoint URI new tickets are sent to, for example {@code file:data/outbox-tickets} or
 *                  {@code sql:MERGE INTO ...?dataSource=#trackerDb}
 * @param updateUri the Camel endpoint URI updates are sent to; default {@code createUri}
 */
public record CamelEndpointConfig(String createUri, String updateUri) {

    public static final String CREATE_URI_PROPERTY = "intake.tracker.camel.create-uri";
    public static final String UPDATE_URI_PROPERTY = "intake.tracker.camel.update-uri";

    public CamelEndpointConfig {
        if (createUri == null || createUri.isBlank()) {
            throw new InvalidFieldException(CREATE_URI_PROPERTY, "is required; a Camel endpoint URI such as file:tickets");
        }
        createUri = createUri.strip();
        updateUri = updateUri == null || updateUri.isBlank() ? createUri : updateUri.strip();
    }

    /** Tickets and updates go to the same endpoint. */
    public static CamelEndpointConfig of(String uri) {
        return new CamelEndpointConfig(uri, null);
    }

    @Override
    public String toString() {
        return "CamelEndpointConfig[createUri=" + org.apache.camel.util.URISupport.sanitizeUri(createUri)
                + ", updateUri=" + org.apache.camel.util.URISupport.sanitizeUri(updateUri) + "]";
    }
}
