package io.intake.web;

import java.util.Locale;

/**
 * The request types of the support agreement, as the form offers them. The label is written into the request as a
 * {@code Request type:} line, which the severity rules use as a tie-breaker when no rule matches the description: the
 * technical problems lean DEGRADED, the orders and changes LOW. The rules decide, never the category alone.
 */
public enum RequestCategory {
    SERVICE_OUTAGE("Service outage (calls not working)", true),
    EQUIPMENT_PROBLEM("Phone or equipment problem", true),
    FEATURE_PROBLEM("Feature problem (park, transfer, conference, voicemail, web portal)", true),
    CALL_QUALITY("Call quality problem", true),
    ROUTING_CHANGE("Call routing or configuration change", false),
    HOW_TO("Help with features, portals or training", false),
    MOVES_ADDS_CHANGES("New site, moves, adds and changes", false),
    NUMBER_PORTING("Number porting (LNP)", false),
    DISCONNECT("Disconnect order", false),
    NETWORK_REVIEW("Network design review", false),
    INSTALLATION("Remote-assisted installation (by appointment)", false),
    OTHER("Something else", false);

    private final String label;
    private final boolean technical;

    RequestCategory(String label, boolean technical) {
        this.label = label;
        this.technical = technical;
    }

    public String label() {
        return label;
    }

    /** True for problems with the service (24/7 technical support), false for requests and orders. */
    public boolean technical() {
        return technical;
    }

    /** The code used in the form and the API, for example {@code service_outage}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category with this code (case-insensitive), or null. */
    public static RequestCategory ofCode(String code) {
        if (code == null) {
            return null;
        }
        for (RequestCategory c : values()) {
            if (c.code().equalsIgnoreCase(code.strip())) {
                return c;
            }
        }
        return null;
    }

    /** The allowed codes, for error messages. */
    public static String codes() {
        StringBuilder out = new StringBuilder();
        for (RequestCategory c : values()) {
            out.append(out.length() == 0 ? "" : ", ").append(c.code());
        }
        return out.toString();
    }
}
