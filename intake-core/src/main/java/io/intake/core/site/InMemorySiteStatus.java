package io.intake.core.site;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SiteStatus} held in memory; the writer rebuilds it after a restart. */
final class InMemorySiteStatus implements SiteStatus {

    private final Map<String, SiteRegistrations> sites = new ConcurrentHashMap<>();

    @Override
    public void publish(SiteRegistrations site) {
        sites.put(site.siteId(), site);
    }

    @Override
    public Optional<SiteRegistrations> site(String siteId) {
        return Optional.ofNullable(sites.get(siteId));
    }

    @Override
    public List<SiteRegistrations> sites() {
        List<SiteRegistrations> list = new ArrayList<>(sites.values());
        list.sort(Comparator.comparing(SiteRegistrations::siteId));
        return list;
    }
}
