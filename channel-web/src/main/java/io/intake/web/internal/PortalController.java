package io.intake.web.internal;

import io.intake.core.outbox.Outbox;
import io.intake.core.ticket.TicketNumber;
import io.intake.web.WebChannelProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.time.Clock;

/** The staff's live monitor: the page, its event stream, outbox replay and the login page. */
@Controller
final class PortalController {

    private static final Logger LOG = LoggerFactory.getLogger(PortalController.class);

    private final PortalFeed feed;
    private final Outbox outbox;
    private final Clock clock;
    private final WebChannelProperties properties;

    PortalController(PortalFeed feed, Outbox outbox, Clock clock, WebChannelProperties properties) {
        this.feed = feed;
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping("/portal")
    String portal(Model model, Principal principal) {
        model.addAttribute("snapshot", feed.snapshot());
        model.addAttribute("staffName", displayName(principal));
        model.addAttribute("zone", properties.customerZone());
        return "intake-web/portal";
    }

    @GetMapping(path = "/portal/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events() {
        return feed.subscribe();
    }

    @PostMapping("/portal/outbox/replay")
    String replay(@RequestParam(name = "ticket", required = false) String ticket, Principal principal,
                  RedirectAttributes redirect) {
        if (ticket == null || ticket.isBlank()) {
            int n = outbox.replayAll(clock.instant());
            LOG.info("{} replayed all parked deliveries ({} entries)", principal.getName(), n);
            redirect.addFlashAttribute("notice", n == 1 ? "1 parked delivery is queued again." : n + " parked deliveries are queued again.");
        } else {
            TicketNumber number = TicketNumber.tryParse(ticket);
            if (number == null) {
                redirect.addFlashAttribute("notice", "That is not a ticket number.");
            } else {
                int n = outbox.replay(number, clock.instant());
                LOG.info("{} replayed parked deliveries of ticket {} ({} entries)", principal.getName(), number, n);
                redirect.addFlashAttribute("notice", n == 0 ? "Ticket " + number + " has no parked deliveries."
                        : "Ticket " + number + ": " + n + (n == 1 ? " delivery is" : " deliveries are") + " queued again.");
            }
        }
        feed.nudge();
        return "redirect:/portal#outbox";
    }

    @GetMapping("/portal/login")
    String login() {
        return "intake-web/login";
    }

    private String displayName(Principal principal) {
        if (principal == null) {
            return "";
        }
        for (WebChannelProperties.StaffUser user : properties.staff()) {
            if (user.username().equals(principal.getName()) && user.displayName() != null && !user.displayName().isBlank()) {
                return user.displayName();
            }
        }
        return principal.getName();
    }
}
