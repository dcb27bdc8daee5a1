package io.intake.web.internal;

import io.intake.core.IntakeException;
import io.intake.core.IntakeGateway;
import io.intake.core.IntakeResult;
import io.intake.core.IntakeResult.FieldProblem;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.Severity;
import io.intake.web.RequestCategory;
import io.intake.web.TicketForm;
import io.intake.web.UploadedFile;
import io.intake.web.WebChannelProperties;
import io.intake.web.WebIntake;
import io.intake.web.WebSubmission;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The customer's support form: server-rendered, works without JavaScript, keeps what was typed when a field needs
 * attention, and confirms with the ticket number, severity and response target in the customer's time zone. Every
 * value is rendered through Thymeleaf's escaping {@code th:text}/{@code th:value}; nothing is written unescaped.
 */
@Controller
final class SupportFormController {

    private static final Logger LOG = LoggerFactory.getLogger(SupportFormController.class);
    private static final Pattern SUBMISSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final String HONEYPOT = "website";

    private final WebIntake intake;
    private final IntakeGateway gateway;
    private final WebChannelProperties properties;
    private final PortalFeed feed;

    SupportFormController(WebIntake intake, IntakeGateway gateway, WebChannelProperties properties, PortalFeed feed) {
        this.intake = intake;
        this.gateway = gateway;
        this.properties = properties;
        this.feed = feed;
    }

    @GetMapping("/support/new")
    String form(Model model) {
        return render(model, TicketForm.EMPTY, UUID.randomUUID().toString(), Map.of(), null);
    }

    @PostMapping("/support/new")
    String submit(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect,
                  @RequestParam Map<String, String> params) throws IOException, ServletException {
        TicketForm form = new TicketForm(params.get("name"), params.get("email"), params.get("phone"),
                params.get("account"), params.get("site"), params.get("category"), params.get("subject"),
                params.get("description"), params.get("suggested_severity"));
        String id = params.getOrDefault("submission_id", "");
        if (!SUBMISSION_ID.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        String sourceRef = "form:" + id;
        String trap = params.get(HONEYPOT);
        if (trap != null && !trap.isEmpty()) {
            LOG.info("refused an automated support form submission (honeypot filled)");
            gateway.reject(Channel.WEB, sourceRef, "automated submission: the hidden honeypot field was filled",
                    List.of(new FieldProblem(HONEYPOT, "must be left empty")));
            response.setStatus(400);
            return render(model, form, UUID.randomUUID().toString(), Map.of(),
                    "This submission looked automated and was not accepted. If you are a person, please send it again.");
        }
        List<UploadedFile> files = RequestFields.files(request, "attachments");
        WebSubmission result;
        try {
            result = intake.submitTicket(form, files, sourceRef, null, "form");
        } catch (IntakeException e) {
            LOG.warn("support form submission not accepted, storage failed: {}", e.getMessage());
            response.setStatus(503);
            response.setHeader("Retry-After", "30");
            return render(model, form, id, Map.of(), "We cannot take requests right now. Nothing was recorded; please "
                    + "send the form again in a minute. If your service is down, call us: outages are handled 24/7.");
        }
        if (result instanceof WebSubmission.Received received) {
            feed.nudge();
            IntakeResult.Accepted a = received.accepted();
            redirect.addFlashAttribute("receipt", Receipt.of(a, received.accessToken(), zone(params.get("tz")),
                    form.email()));
            return "redirect:/support/received";
        }
        WebSubmission.Invalid invalid = (WebSubmission.Invalid) result;
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldProblem p : invalid.problems()) {
            errors.merge(p.field(), p.message(), (x, y) -> x + "; " + y);
        }
        response.setStatus(422);
        String note = files.isEmpty() ? null : "Please attach your files again; browsers do not keep them when a form is shown again.";
        return render(model, form, id, errors, note);
    }

    @GetMapping("/support/received")
    String received(Model model) {
        if (!model.containsAttribute("receipt")) {
            return "redirect:/support/new";
        }
        return "intake-web/support-received";
    }

    private String render(Model model, TicketForm form, String submissionId, Map<String, String> errors, String alert) {
        model.addAttribute("form", form);
        model.addAttribute("submissionId", submissionId);
        model.addAttribute("errors", errors);
        model.addAttribute("alert", alert);
        model.addAttribute("categories", RequestCategory.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("maxFiles", properties.upload().maxFiles());
        long maxFile = properties.upload().maxFileBytes();
        model.addAttribute("maxFileSize", maxFile >= 1 << 20 ? (maxFile >> 20) + " MB" : Math.max(1, maxFile >> 10) + " KB");
        model.addAttribute("maxDescription", properties.upload().maxDescriptionChars());
        return "intake-web/support-new";
    }

    private ZoneId zone(String browserZone) {
        if (browserZone != null && browserZone.length() < 64 && browserZone.matches("[A-Za-z_]+(/[A-Za-z0-9_+\\-]+){1,2}")) {
            try {
                return ZoneId.of(browserZone);
            } catch (DateTimeException e) {
                // fall back to the configured zone
            }
        }
        return properties.zone();
    }
}
