package io.intake.core.limit;

import io.intake.core.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T15:00:00Z"));

    @Test
    void aBurstIsAllowedThenTheWaitIsToldInMillisAndSeconds() {
        RateLimiter limiter = new RateLimiter(60, 3, 100, clock);   // one a second, three at once

        assertThat(limiter.acquireMillis("a")).isZero();
        assertThat(limiter.acquireMillis("a")).isZero();
        assertThat(limiter.acquireMillis("a")).isZero();
        assertThat(limiter.acquireMillis("a")).isBetween(900L, 1000L);
        assertThat(limiter.acquire("a")).isEqualTo(1);
        assertThat(limiter.acquireMillis("b")).as("another client has its own bucket").isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.acquireMillis("a")).isZero();
    }

    @Test
    void aForgottenClientStartsWithAFullBucket() {
        RateLimiter limiter = new RateLimiter(1, 1, 100, clock);
        assertThat(limiter.acquire("chat-1")).isZero();
        assertThat(limiter.acquire("chat-1")).isPositive();

        limiter.forget("chat-1");
        assertThat(limiter.acquire("chat-1")).isZero();
    }

    @Test
    void theTableNeverGrowsPastItsBound() {
        RateLimiter limiter = new RateLimiter(60, 1, 10, clock);
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.acquire("client-" + i)).isZero();
        }
        assertThat(limiter.acquire("client-999")).as("a recent client is still known").isPositive();
    }
}
