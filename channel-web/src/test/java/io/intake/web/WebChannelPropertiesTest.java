package io.intake.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebChannelPropertiesTest {

    private static final String HASH = "$2a$10$7w3hHrtbo1N43HFNlZfJcOayLGJwgb6m99Ttps2L1tpNXFmKsKHRO";

    @Test
    void reportsEveryProblemAtOnceNamingTheProperty() {
        assertThatThrownBy(() -> new WebChannelProperties(true, "Mars/Olympus", null,
                List.of(new WebChannelProperties.StaffUser("ops", "plain-password", null),
                        new WebChannelProperties.StaffUser("ops", HASH, null)),
                new WebChannelProperties.RateLimit(true, 0, 0, 10),
                new WebChannelProperties.Upload(99, 0, 10, 5),
                new WebChannelProperties.Portal(0, Duration.ofMillis(10))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intake.web.customer-zone")
                .hasMessageContaining("intake.web.staff[0].password-hash: must be a bcrypt hash")
                .hasMessageContaining("intake.web.staff[1].username: 'ops' is configured twice")
                .hasMessageContaining("intake.web.rate-limit.requests-per-minute")
                .hasMessageContaining("intake.web.rate-limit.burst")
                .hasMessageContaining("intake.web.rate-limit.max-clients")
                .hasMessageContaining("intake.web.upload.max-files")
                .hasMessageContaining("intake.web.upload.max-file-bytes")
                .hasMessageContaining("intake.web.upload.max-request-bytes")
                .hasMessageContaining("intake.web.upload.max-description-chars")
                .hasMessageContaining("intake.web.portal.recent-tickets")
                .hasMessageContaining("intake.web.portal.refresh-interval");
    }

    @Test
    void neverPrintsAPasswordHash() {
        assertThat(new WebChannelProperties.StaffUser("ops", HASH, "Ops").toString()).doesNotContain("$2a$");
    }

    @Test
    void acceptsBcryptWithOrWithoutItsPrefix() {
        WebChannelProperties p = new WebChannelProperties(true, "America/New_York", null,
                List.of(new WebChannelProperties.StaffUser("a", HASH, null), new WebChannelProperties.StaffUser("b", "{bcrypt}" + HASH, null)),
                new WebChannelProperties.RateLimit(true, 20, 10, 10000), new WebChannelProperties.Upload(5, 1 << 20, 1 << 22, 20000),
                new WebChannelProperties.Portal(100, Duration.ofSeconds(2)));
        assertThat(p.zone().getId()).isEqualTo("America/New_York");
    }
}
