package io.intake.chat.internal;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** What a connection is, decided at the WebSocket handshake and kept in the session's attributes. */
public final class ChatHandshake {

    /** Session attribute: {@code visitor} or {@code agent}. */
    public static final String ROLE = "intake.chat.role";
    /** Session attribute: the client's address. */
    public static final String ADDRESS = "intake.chat.address";
    /** Session attribute: the chat a visitor connection is bound to. */
    public static final String CHAT = "intake.chat.id";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ChatHandshake() {
    }

    /** Visitors are anonymous: each connection gets a random principal, so replies reach only that connection. */
    static final class VisitorPrincipal extends DefaultHandshakeHandler {
        @Override
        protected Principal determineUser(ServerHttpRequest request, WebSocketHandler handler, Map<String, Object> attributes) {
            byte[] id = new byte[12];
            RANDOM.nextBytes(id);
            String name = "visitor-" + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
            return () -> name;
        }
    }

    static final class Visitor implements HandshakeInterceptor {
        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                       Map<String, Object> attributes) {
            attributes.put(ROLE, "visitor");
            attributes.put(ADDRESS, address(request));
            return true;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Exception exception) {
        }
    }

    /**
     * Agents: the security filter chain has already asked for a login; this checks again (the role, on the servlet
     * request), so the endpoint stays closed in an application without that chain.
     */
    static final class Agent implements HandshakeInterceptor {
        private final String role;

        Agent(String role) {
            this.role = role;
        }

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                       Map<String, Object> attributes) {
            boolean allowed = request.getPrincipal() != null && request instanceof ServletServerHttpRequest servlet
                    && servlet.getServletRequest().isUserInRole(role);
            if (!allowed) {
                response.setStatusCode(request.getPrincipal() == null ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN);
                return false;
            }
            attributes.put(ROLE, "agent");
            attributes.put(ADDRESS, address(request));
            return true;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Exception exception) {
        }
    }

    private static String address(ServerHttpRequest request) {
        return request.getRemoteAddress() == null ? "unknown" : request.getRemoteAddress().getAddress().getHostAddress();
    }
}
