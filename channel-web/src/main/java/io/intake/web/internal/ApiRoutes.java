package io.intake.web.internal;

import io.intake.core.IntakeException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.model.rest.RestBindingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The ticket API as Camel REST DSL on platform-http, served by the application's Spring Boot server (so Spring
 * Security's filters apply). Each operation reads the servlet request and answers JSON; a storage failure answers
 * 503 with {@code Retry-After}, never 2xx, and no exception text ever reaches the client.
 */
public final class ApiRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    private final TicketApi api;
    private final String openApi;

    ApiRoutes(TicketApi api) {
        this.api = api;
        try (InputStream in = ApiRoutes.class.getResourceAsStream("/io/intake/web/openapi.json")) {
            this.openApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("io/intake/web/openapi.json is missing from channel-web", e);
        }
    }

    @Override
    public void configure() {
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off);

        rest("/api/v1")
                .get("/openapi.json").id("web-api-openapi").to("direct:web-api-openapi")
                .get("/ping").id("web-api-ping").to("direct:web-api-ping")
                .post("/tickets").id("web-api-create-ticket").to("direct:web-api-create-ticket")
                .get("/tickets").id("web-api-list-tickets").to("direct:web-api-list-tickets")
                .get("/tickets/{number}").id("web-api-get-ticket").to("direct:web-api-get-ticket")
                .post("/tickets/{number}/comments").id("web-api-add-comment").to("direct:web-api-add-comment");

        from("direct:web-api-openapi").routeId("web-api-openapi-route")
                .process(answer(request -> new ApiAnswer(200, Map.of("Cache-Control", "max-age=300"), openApi)));
        from("direct:web-api-ping").routeId("web-api-ping-route")
                .process(answer(request -> new ApiAnswer(200, Map.of(), "{\"status\":\"ok\"}")));
        from("direct:web-api-create-ticket").routeId("web-api-create-ticket-route")
                .process(answer(api::createTicket));
        from("direct:web-api-list-tickets").routeId("web-api-list-tickets-route")
                .process(answer(api::listTickets));
        from("direct:web-api-get-ticket").routeId("web-api-get-ticket-route")
                .process(answer(request -> api.getTicket(request, pathNumber(request))));
        from("direct:web-api-add-comment").routeId("web-api-add-comment-route")
                .process(answer(request -> api.addComment(request, pathNumber(request))));
    }

    /** The {number} segment, from the servlet request itself (never from a header a client could send). */
    private static String pathNumber(HttpServletRequest request) {
        String[] segments = request.getRequestURI().substring(request.getContextPath().length()).split("/");
        return segments.length > 4 ? java.net.URLDecoder.decode(segments[4], StandardCharsets.UTF_8) : "";
    }

    @FunctionalInterface
    private interface Operation {
        ApiAnswer apply(HttpServletRequest request) throws IOException;
    }

    private static Processor answer(Operation operation) {
        return exchange -> {
            ApiAnswer answer;
            try {
                answer = operation.apply(new CamelBodyRequest(servletRequest(exchange), exchange));
            } catch (IntakeException e) {
                LOG.warn("web API request failed, answering 503: {}", e.getMessage());
                answer = ApiAnswer.error(503, "unavailable", "The gateway cannot take requests right now; retry in a few seconds.",
                        java.util.List.of(), Map.of("Retry-After", "5"));
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("web API request body could not be read: {}", e.getMessage());
                answer = ApiAnswer.error(400, "unreadable_body", "The request body could not be read.");
            } catch (RuntimeException e) {
                LOG.error("web API request failed unexpectedly", e);
                answer = ApiAnswer.error(500, "internal_error", "Something went wrong on our side; the request was not accepted.");
            }
            write(exchange, answer);
        };
    }

    private static HttpServletRequest servletRequest(Exchange exchange) {
        PlatformHttpMessage message = exchange.getIn(PlatformHttpMessage.class);
        if (message != null && message.getRequest() != null) {
            return message.getRequest();
        }
        HttpServletRequest request = exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        if (request == null) {
            throw new IllegalStateException("the web API runs on platform-http only; no servlet request on the exchange");
        }
        return request;
    }

    /**
     * platform-http has already read the servlet's input stream into the Camel message; this request answers that
     * body again, so the operations can read the request as any servlet request.
     */
    private static final class CamelBodyRequest extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final Exchange exchange;

        CamelBodyRequest(HttpServletRequest request, Exchange exchange) {
            super(request);
            this.exchange = exchange;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            byte[] body = exchange.getIn().getBody(byte[].class);
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body == null ? new byte[0] : body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }
    }

    private static void write(Exchange exchange, ApiAnswer answer) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setHeader("Cache-Control", "no-store");
        answer.headers().forEach(out::setHeader);
        out.setBody(answer.body());
    }
}
