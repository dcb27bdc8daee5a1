package io.intake.telephony.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.intake.core.IntakeException;
import io.intake.core.sla.BusinessCalendar;
import io.intake.core.sla.CalendarSpec;
import io.intake.core.sla.SlaConfigurationException;
import io.intake.telephony.TelephonyConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The phones the monitor watches: endpoints by site, each site with its customer and monitoring window.
 *
 * <pre>{@code
 * sites:
 *   - id: site-a
 *     name: Main Street store
 *     account: "987654"
 *     monitoring: { zone: America/New_York, hours: "daily 07:00-22:00" }   # omit to monitor around the clock
 *     endpoints: [site-a-101, site-a-102]
 * }</pre>
 * Every problem in the file is reported at once.
 */
public record Inventory(List<Site> sites) {

    public Inventory {
        sites = List.copyOf(sites);
    }

    /**
     * One monitored location.
     *
     * @param window when offline phones matter; null for always
     */
    public record Site(String id, String name, String account, BusinessCalendar window, List<String> endpoints) {

        public Site {
            endpoints = List.copyOf(endpoints);
        }

        public boolean monitoredAt(Instant t) {
            return window == null || window.isOpen(t);
        }
    }

    /** Endpoint name to its site. */
    public Map<String, Site> byEndpoint() {
        Map<String, Site> map = new HashMap<>();
        sites.forEach(s -> s.endpoints().forEach(e -> map.put(e, s)));
        return map;
    }

    public static Inventory load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new TelephonyConfigException(List.of("intake.telephony.monitor.inventory: cannot read " + file + ": " + e.getMessage()));
        }
    }

    public static Inventory read(InputStream in, String origin) {
        String p = "inventory " + origin + ": ";
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new TelephonyConfigException(List.of(p + "not valid YAML: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        List<Site> sites = new ArrayList<>();
        Map<String, String> seenEndpoints = new HashMap<>();
        JsonNode nodes = root == null ? null : root.get("sites");
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            problems.add(p + "sites: required, a non-empty list of sites");
        } else {
            for (int i = 0; i < nodes.size(); i++) {
                JsonNode n = nodes.get(i);
                String at = p + "sites[" + i + "].";
                String id = text(n, "id");
                if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                    problems.add(at + "id: '" + id + "' is not a site id; 1-64 of letters, digits, '.', '_', '-'");
                    continue;
                }
                List<String> endpoints = new ArrayList<>();
                for (JsonNode e : n.path("endpoints")) {
                    String name = e.asText();
                    String other = seenEndpoints.putIfAbsent(name, id);
                    if (other != null) {
                        problems.add(at + "endpoints: '" + name + "' is already listed for site " + other);
                    } else {
                        endpoints.add(name);
                    }
                }
                if (endpoints.isEmpty()) {
                    problems.add(at + "endpoints: required, the PJSIP endpoint names of the site's phones");
                }
                BusinessCalendar window = null;
                JsonNode monitoring = n.get("monitoring");
                if (monitoring != null && !monitoring.isNull()) {
                    Map<String, String> spec = new LinkedHashMap<>();
                    monitoring.fields().forEachRemaining(f -> spec.put(f.getKey(), f.getValue().asText()));
                    try {
                        window = CalendarSpec.parse("monitoring", at + "monitoring.", spec, null);
                    } catch (SlaConfigurationException e) {
                        problems.addAll(e.problems());
                    } catch (IntakeException e) {
                        problems.add(at + "monitoring: " + e.getMessage());
                    }
                }
                sites.add(new Site(id, text(n, "name"), text(n, "account"), window, endpoints));
            }
        }
        if (!problems.isEmpty()) {
            throw new TelephonyConfigException(problems);
        }
        return new Inventory(sites);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
