package io.intake.core.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.intake.core.IntakeException;
import io.intake.core.ticket.Site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CustomerDirectory} read once from a YAML file:
 *
 * <pre>{@code
 * customers:
 *   - account: "987654"
 *     name: Acme Dental
 *     contacts:                       # customer-wide contacts
 *       - { name: Jane Caller, phone: "+1 555 555 0100", email: jane@acme.example }
 *     sites:
 *       - id: "1"
 *         name: Main Street
 *         contacts:                   # contacts at this site
 *           - { name: Front desk, phone: "555-0101" }
 * }</pre>
 * Phone numbers match on their digits only; an 11-digit North American number with a leading 1 matches its 10-digit
 * form. Email addresses match case-insensitively. Every problem in the file is reported at once.
 */
public final class StaticCustomerDirectory implements CustomerDirectory {

    private final Map<String, Customer> byAccount;
    private final Map<String, DirectoryMatch> byPhone;
    private final Map<String, DirectoryMatch> byEmail;

    private StaticCustomerDirectory(Map<String, Customer> byAccount, Map<String, DirectoryMatch> byPhone,
                                    Map<String, DirectoryMatch> byEmail) {
        this.byAccount = Map.copyOf(byAccount);
        this.byPhone = Map.copyOf(byPhone);
        this.byEmail = Map.copyOf(byEmail);
    }

    /** Reads the YAML file. */
    public static StaticCustomerDirectory load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new IntakeException("cannot read customer directory " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads YAML from a stream; {@code origin} names it in messages. */
    public static StaticCustomerDirectory read(InputStream in, String origin) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new IntakeException("customer directory " + origin + " is not valid YAML: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Customer> accounts = new HashMap<>();
        Map<String, DirectoryMatch> phones = new HashMap<>();
        Map<String, DirectoryMatch> emails = new HashMap<>();
        JsonNode customers = root == null ? null : root.get("customers");
        if (customers == null || !customers.isArray()) {
            problems.add("customers: required, a list of customers");
        } else {
            for (int i = 0; i < customers.size(); i++) {
                readCustomer(customers.get(i), "customers[" + i + "]", accounts, phones, emails, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new IntakeException("customer directory " + origin + " has " + problems.size() + " problem(s): "
                    + String.join("; ", problems));
        }
        return new StaticCustomerDirectory(accounts, phones, emails);
    }

    private static void readCustomer(JsonNode node, String path, Map<String, Customer> accounts,
                                     Map<String, DirectoryMatch> phones, Map<String, DirectoryMatch> emails,
                                     List<String> problems) {
        try {
            List<Site> sites = new ArrayList<>();
            JsonNode siteNodes = node.path("sites");
            for (JsonNode s : siteNodes) {
                sites.add(new Site(text(s, "id"), text(s, "name")));
            }
            Customer customer = new Customer(text(node, "account"), text(node, "name"), sites);
            if (accounts.putIfAbsent(customer.account(), customer) != null) {
                problems.add(path + ".account: '" + customer.account() + "' is given twice");
                return;
            }
            addContacts(node.path("contacts"), path + ".contacts", customer, null, phones, emails, problems);
            for (int j = 0; j < siteNodes.size(); j++) {
                addContacts(siteNodes.get(j).path("contacts"), path + ".sites[" + j + "].contacts", customer, sites.get(j),
                        phones, emails, problems);
            }
        } catch (IntakeException e) {
            problems.add(path + ": " + e.getMessage());
        }
    }

    private static void addContacts(JsonNode contacts, String path, Customer customer, Site site,
                                    Map<String, DirectoryMatch> phones, Map<String, DirectoryMatch> emails,
                                    List<String> problems) {
        for (int k = 0; k < contacts.size(); k++) {
            JsonNode c = contacts.get(k);
            DirectoryMatch match = new DirectoryMatch(customer, site, text(c, "name"));
            String phone = text(c, "phone");
            if (phone != null) {
                String key = phoneKey(phone);
                if (key.isEmpty()) {
                    problems.add(path + "[" + k + "].phone: '" + phone + "' has no digits");
                } else if (phones.putIfAbsent(key, match) != null) {
                    problems.add(path + "[" + k + "].phone: the number is given twice");
                }
            }
            String email = text(c, "email");
            if (email != null && emails.putIfAbsent(email.toLowerCase(Locale.ROOT), match) != null) {
                problems.add(path + "[" + k + "].email: '" + email + "' is given twice");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Digits only; a leading 1 of an 11-digit North American number is dropped. */
    public static String phoneKey(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() == 11 && digits.startsWith("1") ? digits.substring(1) : digits;
    }

    @Override
    public Optional<DirectoryMatch> byCallerId(String callerId) {
        return callerId == null ? Optional.empty() : Optional.ofNullable(byPhone.get(phoneKey(callerId)));
    }

    @Override
    public Optional<DirectoryMatch> byEmail(String email) {
        return email == null ? Optional.empty() : Optional.ofNullable(byEmail.get(email.strip().toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<Customer> byAccount(String account) {
        return account == null ? Optional.empty() : Optional.ofNullable(byAccount.get(account.strip()));
    }

    @Override
    public String toString() {
        return "StaticCustomerDirectory[" + byAccount.size() + " customers, " + byPhone.size() + " phones, "
                + byEmail.size() + " emails]";
    }
}
