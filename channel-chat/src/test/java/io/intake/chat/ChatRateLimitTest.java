package io.intake.chat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits with small settings: a flooding chat is slowed down, the others are not. */
@SpringBootTest(classes = ChatTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"intake.chat.limits.messages-per-minute=6", "intake.chat.limits.message-burst=3",
                "intake.chat.limits.starts-per-minute=1", "intake.chat.limits.start-burst=2"})
class ChatRateLimitTest {

    @Value("${local.server.port}")
    int port;

    private final List<StompClient> clients = new ArrayList<>();

    @AfterEach
    void disconnect() {
        clients.forEach(StompClient::close);
    }

    private StompClient visitor() throws Exception {
        StompClient c = StompClient.visitor(port);
        clients.add(c);
        return c;
    }

    @Test
    void aFloodingChatIsToldToWaitWhileAnotherChatIsServedAndStartsPerAddressAreLimited() throws Exception {
        StompClient flood = visitor();
        StompClient calm = visitor();
        flood.send("/app/chat/start", Map.of("name", "Flo", "email", "flo@example.com", "account", "1"));
        flood.await("started");
        calm.send("/app/chat/start", Map.of("name", "Cal", "email", "cal@example.com", "account", "2"));
        calm.await("started");

        for (int seq = 1; seq <= 20; seq++) {
            flood.send("/app/chat/message", Map.of("seq", seq, "text", "spam " + seq));
        }
        JsonNode limited = flood.await("error");
        assertThat(limited.path("code").asText()).isEqualTo("rate_limited");
        assertThat(limited.path("retry_after_ms").asLong()).isPositive();
        assertThat(limited.path("seq").asInt()).isEqualTo(4);

        calm.send("/app/chat/message", Map.of("seq", 1, "text", "my voicemail light is stuck on"));
        assertThat(calm.await("ack").path("seq").asInt()).isEqualTo(1);

        StompClient third = visitor();
        third.send("/app/chat/start", Map.of("name", "Thi", "email", "thi@example.com", "account", "3"));
        JsonNode refused = third.await("error");
        assertThat(refused.path("code").asText()).as("the third start from one address within a minute")
                .isEqualTo("rate_limited");
    }
}
