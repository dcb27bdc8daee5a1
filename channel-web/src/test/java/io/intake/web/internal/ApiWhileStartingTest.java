package io.intake.web.internal;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found by the fault suite (issue 8): after a restart the servlet container took {@code POST /api/v1/tickets} about
 * two seconds before the Camel REST routes ran, and answered 404, which a client gives up on.
 */
class ApiWhileStartingTest {

    private static MockHttpServletResponse post(ApiStartingFilter filter, String path, MockFilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    @Test
    void aTicketPostBeforeTheRoutesRunIsAnswered503WithRetryAfterInsteadOf404() throws Exception {
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = post(new ApiStartingFilter(() -> false), "/api/v1/tickets", chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentAsString()).contains("\"error\":\"unavailable\"");
        assertThat(chain.getRequest()).as("the request went no further").isNull();
    }

    @Test
    void onceTheRoutesRunTheApiIsServedAndPagesAreNeverHeld() throws Exception {
        MockFilterChain running = new MockFilterChain();
        assertThat(post(new ApiStartingFilter(() -> true), "/api/v1/tickets", running).getStatus()).isEqualTo(200);
        assertThat(running.getRequest()).isNotNull();

        MockFilterChain page = new MockFilterChain();
        assertThat(post(new ApiStartingFilter(() -> false), "/support/new", page).getStatus()).isEqualTo(200);
        assertThat(page.getRequest()).isNotNull();
    }
}
