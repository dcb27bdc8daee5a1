package io.intake.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Marks a request made with staff credentials. platform-http may run the API's routes on another thread than the
 * servlet's, where Spring Security's thread-bound context is absent; the request attribute travels with the request.
 */
final class StaffMarker extends OncePerRequestFilter {

    private static final String ATTRIBUTE = StaffMarker.class.getName() + ".staff";

    static boolean isStaff(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.removeAttribute(ATTRIBUTE);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated()) {
            for (GrantedAuthority authority : auth.getAuthorities()) {
                if (("ROLE_" + TicketApi.STAFF_ROLE).equals(authority.getAuthority())) {
                    request.setAttribute(ATTRIBUTE, Boolean.TRUE);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
