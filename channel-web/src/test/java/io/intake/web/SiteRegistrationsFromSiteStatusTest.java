package io.intake.web;

import io.intake.core.site.PhoneRegistration;
import io.intake.core.site.SiteState;
import io.intake.core.site.SiteStatus;
import io.intake.web.internal.WebChannelBeans;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SiteRegistrationsFromSiteStatusTest {

    @Test
    void thePortalPanelShowsWhatTheTelephonyMonitorPublished() {
        SiteStatus status = SiteStatus.inMemory();
        Instant at = Instant.parse("2026-06-10T14:00:00Z");
        status.publish(new io.intake.core.site.SiteRegistrations("site-a", "Main St", "987654", SiteState.DEGRADED, true,
                List.of(new PhoneRegistration("site-a-101", true, at), new PhoneRegistration("site-a-102", false, at)),
                null, at));

        SiteRegistrations panel = new WebChannelBeans().intakeWebSiteRegistrations(status);

        assertThat(panel.sites()).singleElement().satisfies(site -> {
            assertThat(site.site()).isEqualTo("site-a");
            assertThat(site.registered()).isEqualTo(1);
            assertThat(site.total()).isEqualTo(2);
            assertThat(site.state()).isEqualTo("degraded");
        });
    }
}
