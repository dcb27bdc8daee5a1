package io.intake.telephony.internal;

import io.intake.core.ticket.TicketNumber;
import io.intake.telephony.Prompts;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answered side of a call-out ({@code agi://HOST:PORT/callout?ticket=N}): tells on-call the ticket number, twice.
 */
public final class CallOutScript implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(CallOutScript.class);

    private final Prompts prompts;

    public CallOutScript(Prompts prompts) {
        this.prompts = prompts;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        TicketNumber ticket = TicketNumber.tryParse(request.getParameter("ticket"));
        CallLine line = new CallLine(channel);
        try {
            line.answer();
            if (ticket == null) {
                log.warn("Call-out {} has no valid ticket parameter; hanging up", request.getUniqueId());
                line.hangup();
                return;
            }
            line.step("callout");
            for (int i = 0; i < 2; i++) {
                line.play(prompts.callOut(), "");
                line.sayDigits(ticket.toString());
            }
            line.hangup();
            log.info("Call-out for ticket {} answered and told", ticket);
        } catch (CallerHungUp e) {
            log.info("Call-out for ticket {}: on-call hung up during {}", ticket, line.step());
        } catch (CallLine.AgiFailure e) {
            log.warn("Call-out for ticket {}: {}", ticket, e.getMessage(), e);
        }
    }
}
