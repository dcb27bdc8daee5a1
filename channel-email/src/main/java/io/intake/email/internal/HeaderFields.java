package io.intake.email.internal;

import io.intake.email.MailAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimePart;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and decodes header fields: unfolded, RFC 2047 decoded, raw 8-bit recovered. Never throws. */
public final class HeaderFields {

    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^<>\\s]*@[^<>\\s]*)>");
    private static final Pattern BARE_ADDRESS = Pattern.compile("[^\\s<>()\",;:]+@[^\\s<>()\",;:]+");

    private HeaderFields() {
    }

    /** The first value of a header, unfolded but not decoded; null when absent. */
    public static String raw(MimePart part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? null : unfold(values[0]);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    public static boolean present(MimePart part, String name) {
        return raw(part, name) != null;
    }

    /** A decoded text header (Subject): encoded words decoded, whitespace runs collapsed, trimmed; null when absent. */
    public static String text(MimePart part, String name) {
        String value = raw(part, name);
        return value == null ? null : EncodedWords.decode(value).replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }

    public static String unfold(String value) {
        return value.replaceAll("\r?\n(?=[ \t])", "").replace("\r", "").replace("\n", "");
    }

    /** Every mailbox of an address header, in order; malformed values degrade to the addresses that can be found. */
    public static List<MailAddress> addresses(MimePart part, String name) {
        String value = raw(part, name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<MailAddress> out = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                String addr = address.getAddress();
                if (addr == null || addr.isBlank()) {
                    continue;
                }
                String personal = address.getPersonal();
                out.add(new MailAddress(TextDecoding.recoverRawHeader(addr.strip()), displayName(personal)));
            }
        } catch (AddressException | RuntimeException e) {
            out.clear();
        }
        if (out.isEmpty()) {
            Matcher angle = ANGLE_ADDRESS.matcher(value);
            Matcher bare = BARE_ADDRESS.matcher(value);
            if (angle.find()) {
                String before = value.substring(0, angle.start()).replace("\"", "");
                out.add(new MailAddress(angle.group(1), displayName(before)));
            } else if (bare.find()) {
                out.add(new MailAddress(bare.group(), null));
            }
        }
        return out;
    }

    private static String displayName(String personal) {
        if (personal == null) {
            return null;
        }
        String name = EncodedWords.decode(personal).replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        return name.isEmpty() ? null : name;
    }

    /** Message ids of Message-ID, In-Reply-To or References, without angle brackets, in order and de-duplicated. */
    public static List<String> messageIds(MimePart part, String name) {
        String value = raw(part, name);
        return value == null ? List.of() : messageIds(value);
    }

    public static List<String> messageIds(String value) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        Matcher m = ANGLE_ID.matcher(value);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty()) {
            for (String token : value.split("[\\s,]+")) {
                String id = token.replace("<", "").replace(">", "").strip();
                if (!id.isEmpty() && id.length() <= 500) {
                    ids.add(id);
                }
            }
        }
        return List.copyOf(ids);
    }
}
