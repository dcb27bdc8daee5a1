package io.intake.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The JSON API is Camel REST, so it exists only while the Camel context runs; the servlet container takes requests a
 * moment earlier (at start) and a moment longer (at shutdown). In between, {@code /api/**} answers 503 with
 * {@code Retry-After} instead of the 404 a missing route would give: a client retries a 503, and takes a 404 as
 * "this API does not exist" and gives the request up.
 */
final class ApiStartingFilter extends OncePerRequestFilter {

    private final BooleanSupplier routesRunning;

    ApiStartingFilter(BooleanSupplier routesRunning) {
        this.routesRunning = routesRunning;
    }

    /** Looks the context up per request (it is created after the filters); without one there is nothing to hold. */
    static ApiStartingFilter of(ObjectProvider<CamelContext> camel) {
        return new ApiStartingFilter(() -> {
            CamelContext context = camel.getIfAvailable();
            return context == null || context.getStatus().isStarted();
        });
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (routesRunning.getAsBoolean()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(503);
        response.setHeader("Retry-After", "1");
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType("application/json");
        response.getWriter().write(ApiAnswer.error(503, "unavailable",
                "The gateway is starting or stopping; retry in a few seconds.").body());
    }
}
