package io.intake.web.internal;

import io.intake.core.limit.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Guards every submission (the form, ticket and comment POSTs, staff logins) before anything reads the body: a
 * request declaring more than the size limit gets 413, a client over its rate gets 429 with {@code Retry-After}.
 * API paths answer JSON, pages answer a short HTML page.
 */
final class SubmissionGuardFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionGuardFilter.class);
    private static final Pattern GUARDED = Pattern.compile("/support/new|/support/status|/portal/login|/api/v1/tickets(/[^/]+/comments)?");

    private final RateLimiter limiter;
    private final long maxRequestBytes;

    SubmissionGuardFilter(RateLimiter limiter, long maxRequestBytes) {
        this.limiter = limiter;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !GUARDED.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        if (request.getContentLengthLong() > maxRequestBytes) {
            LOG.debug("refused a {} byte submission (limit {})", request.getContentLengthLong(), maxRequestBytes);
            response.setHeader("Connection", "close");
            refuse(response, api, 413, "too_large", "The request is larger than " + maxRequestBytes / 1024
                    + " KB. Attach fewer or smaller files.");
            return;
        }
        if (limiter != null) {
            long wait = limiter.acquire(request.getRemoteAddr());
            if (wait > 0) {
                LOG.debug("rate limit reached for a client; retry after {}s", wait);
                response.setHeader("Retry-After", Long.toString(wait));
                refuse(response, api, 429, "rate_limited", "Too many submissions from your address. Please wait "
                        + wait + " seconds and try again.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The message is built from constants and numbers only; it never contains request text. */
    private static void refuse(HttpServletResponse response, boolean api, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        if (api) {
            response.setContentType("application/json");
            response.getWriter().write(ApiAnswer.error(status, code, message).body());
        } else {
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>Please try again shortly</title><link rel=\"stylesheet\" href=\"/intake-web/app.css\"></head>"
                    + "<body><main class=\"page narrow\"><section class=\"card\" role=\"alert\"><h1>Please try again shortly</h1><p>"
                    + message + "</p><p><a class=\"button\" href=\"/support/new\">Back to the support form</a></p>"
                    + "</section></main></body></html>");
        }
    }
}
