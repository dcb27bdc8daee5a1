package io.intake.core.severity.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.intake.core.severity.RulesFileException;
import io.intake.core.ticket.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads severity rules files (YAML) into a {@link RuleSet}: parses, merges a user file onto the defaults when it says
 * {@code extends: defaults}, validates and compiles. Every problem names the file, the rule id and the field.
 */
public final class RuleSetReader {

    /** The default rules shipped in the jar. */
    public static final String DEFAULT_RESOURCE = "/io/intake/core/severity/default-rules.yaml";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern RULE_ID = Pattern.compile("(low|degraded|critical)\\.[a-z0-9][a-z0-9-]*");
    private static final List<String> RULE_FIELDS = List.of("id", "severity", "reason", "when", "when-sentence",
            "when-message", "unless", "unless-sentence", "unless-message", "scope", "current", "overrides", "enabled");
    private static final List<String> TOP_FIELDS = List.of("version", "extends", "vocabulary", "not-typos", "synonyms",
            "negations", "concepts", "rules");

    private RuleSetReader() {
    }

    /** The default rules from the jar. */
    public static RuleSet defaults() {
        return compile(readDefaultsDocument());
    }

    /** A user file: complete rules, or (with {@code extends: defaults}) additions to the defaults. */
    public static RuleSet read(Path file) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RulesFileException(source, null, null, "cannot be read (" + e.getMessage() + ")", e);
        }
        return fromText(source, text);
    }

    /** Rules from YAML text; {@code source} names it in messages. */
    public static RuleSet fromText(String source, String text) {
        Document user = parse(source, text);
        if (user.extendsDefaults) {
            Document merged = readDefaultsDocument();
            merged.mergeFrom(user);
            merged.source = source;
            return compile(merged);
        }
        return compile(user);
    }

    private static Document readDefaultsDocument() {
        try (InputStream in = RuleSetReader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new RulesFileException("classpath:" + DEFAULT_RESOURCE, null, null, "is missing from the jar");
            }
            return parse("classpath:" + DEFAULT_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RulesFileException("classpath:" + DEFAULT_RESOURCE, null, null, "cannot be read", e);
        }
    }

    // ------------------------------------------------------------------------------------------------- parsing

    private static Document parse(String source, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RulesFileException(source, null, null, "is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
        }
        if (root == null || !root.isObject()) {
            throw new RulesFileException(source, null, null, "must be a YAML mapping with 'concepts' and 'rules'");
        }
        Document doc = new Document(source);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TOP_FIELDS.contains(name)) {
                throw new RulesFileException(source, null, name, "is not a known field; allowed: " + TOP_FIELDS);
            }
        }
        JsonNode ext = root.get("extends");
        if (ext != null) {
            if (!"defaults".equals(ext.asText())) {
                throw new RulesFileException(source, null, "extends", "'" + ext.asText() + "' is not allowed; the only value is 'defaults'");
            }
            doc.extendsDefaults = true;
        }
        doc.vocabulary.addAll(stringList(source, null, "vocabulary", root.get("vocabulary")));
        doc.notTypos.addAll(stringList(source, null, "not-typos", root.get("not-typos")));
        doc.negations.addAll(stringList(source, null, "negations", root.get("negations")));
        JsonNode synonyms = root.get("synonyms");
        if (synonyms != null) {
            requireObject(source, null, "synonyms", synonyms);
            synonyms.fields().forEachRemaining(e -> doc.synonyms.put(normaliseKey(e.getKey()),
                    requireWords(source, "synonyms." + e.getKey(), e.getValue())));
        }
        JsonNode concepts = root.get("concepts");
        if (concepts != null) {
            requireObject(source, null, "concepts", concepts);
            concepts.fields().forEachRemaining(e -> doc.concepts.put(e.getKey(),
                    stringList(source, null, "concepts." + e.getKey(), e.getValue())));
        }
        JsonNode rules = root.get("rules");
        if (rules != null) {
            if (!rules.isArray()) {
                throw new RulesFileException(source, null, "rules", "must be a list of rules");
            }
            int index = 0;
            for (JsonNode rule : rules) {
                RawRule raw = parseRule(source, index++, rule);
                if (doc.rules.containsKey(raw.id)) {
                    throw new RulesFileException(source, raw.id, "id", "is used by more than one rule");
                }
                doc.rules.put(raw.id, raw);
            }
        }
        return doc;
    }

    private static RawRule parseRule(String source, int index, JsonNode node) {
        if (!node.isObject()) {
            throw new RulesFileException(source, "#" + (index + 1), null, "a rule must be a mapping");
        }
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            throw new RulesFileException(source, "#" + (index + 1), "id", "is required (for example critical.main-number-down)");
        }
        String id = idNode.asText().strip();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!RULE_FIELDS.contains(name)) {
                throw new RulesFileException(source, id, name, "is not a known rule field; allowed: " + RULE_FIELDS);
            }
        }
        RawRule raw = new RawRule(source, id);
        raw.node = node;
        return raw;
    }

    private static String normaliseKey(String key) {
        return TextNormaliser.basicWords(key);
    }

    private static List<String> stringList(String source, String rule, String field, JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isTextual()) {
            out.add(node.asText());
            return out;
        }
        if (!node.isArray()) {
            throw new RulesFileException(source, rule, field, "must be a list of strings");
        }
        int i = 0;
        for (JsonNode item : node) {
            out.add(requireText(source, rule, field + "[" + i++ + "]", item));
        }
        return out;
    }

    private static String requireText(String source, String rule, String field, JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()) {
            throw new RulesFileException(source, rule, field, "must be a non-empty string");
        }
        return node.asText();
    }

    /** A synonym's replacement: text, never a YAML boolean (an unquoted {@code no} would become the word "false"). */
    private static String requireWords(String source, String field, JsonNode node) {
        if (node != null && node.isBoolean()) {
            throw new RulesFileException(source, null, field,
                    "is read as " + node.asText() + "; quote it (for example \"no\") to mean the word");
        }
        return requireText(source, null, field, node);
    }

    private static void requireObject(String source, String rule, String field, JsonNode node) {
        if (!node.isObject()) {
            throw new RulesFileException(source, rule, field, "must be a mapping");
        }
    }

    // ------------------------------------------------------------------------------------------------- compiling

    private static RuleSet compile(Document doc) {
        List<String> names = new ArrayList<>(doc.concepts.keySet());
        List<Pattern> patterns = new ArrayList<>();
        for (String name : names) {
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new RulesFileException(doc.conceptSource(name), null, "concepts." + name, "concept names use a-z, 0-9 and _");
            }
            patterns.add(compileConcept(doc.conceptSource(name), name, doc.concepts.get(name)));
        }
        for (String reserved : RuleSet.RESERVED_CONCEPTS) {
            if (!doc.concepts.containsKey(reserved)) {
                throw new RulesFileException(doc.source, null, "concepts." + reserved, "is required by the engine and missing");
            }
        }
        List<Pattern> negations = new ArrayList<>();
        for (int i = 0; i < doc.negations.size(); i++) {
            negations.add(compileRegex(doc.source, null, "negations[" + i + "]", "\\b(?:" + doc.negations.get(i) + ")\\b"));
        }
        List<Rule> rules = new ArrayList<>();
        for (RawRule raw : doc.rules.values()) {
            Rule rule = compileRule(raw, names);
            if (rule != null) {
                rules.add(rule);
            }
        }
        if (rules.isEmpty()) {
            throw new RulesFileException(doc.source, null, "rules", "defines no enabled rule");
        }
        Map<String, String> words = new LinkedHashMap<>();
        Map<String, String> phrases = new LinkedHashMap<>();
        doc.synonyms.forEach((k, v) -> (k.contains(" ") ? phrases : words).put(k, TextNormaliser.basicWords(v)));
        java.util.Set<String> known = new java.util.HashSet<>(doc.vocabulary);
        doc.notTypos.forEach(w -> known.add(w.toLowerCase(Locale.ROOT)));
        known.addAll(words.keySet());
        words.values().forEach(v -> known.addAll(List.of(v.split(" "))));
        for (List<String> alternatives : doc.concepts.values()) {
            for (String alt : alternatives) {
                java.util.regex.Matcher m = Pattern.compile("[a-z]{3,}").matcher(alt);
                while (m.find()) {
                    known.add(m.group());
                }
            }
        }
        List<String> vocabulary = doc.vocabulary.stream().map(w -> w.toLowerCase(Locale.ROOT)).distinct().toList();
        return new RuleSet(doc.source, words, phrases, vocabulary, known, negations, names, patterns,
                names.stream().map(doc.concepts::get).toList(), doc.negations, rules);
    }

    private static Pattern compileConcept(String source, String name, List<String> alternatives) {
        if (alternatives.isEmpty()) {
            throw new RulesFileException(source, null, "concepts." + name, "needs at least one pattern");
        }
        StringBuilder all = new StringBuilder("\\b(?:");
        for (int i = 0; i < alternatives.size(); i++) {
            compileRegex(source, null, "concepts." + name + "[" + i + "]", alternatives.get(i));
            all.append(i == 0 ? "" : "|").append("(?:").append(alternatives.get(i)).append(')');
        }
        return compileRegex(source, null, "concepts." + name, all.append(")(?![a-z0-9])").toString());
    }

    private static Pattern compileRegex(String source, String rule, String field, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new RulesFileException(source, rule, field, "is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " in '" + regex + "'", e);
        }
    }

    private static Rule compileRule(RawRule raw, List<String> concepts) {
        JsonNode node = raw.node;
        String src = raw.source;
        String id = raw.id;
        if (!RULE_ID.matcher(id).matches()) {
            throw new RulesFileException(src, id, "id", "must look like <severity>.<name> in lower case, for example degraded.feature-voicemail");
        }
        JsonNode enabled = node.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            throw new RulesFileException(src, id, "enabled", "must be true or false");
        }
        if (enabled != null && !enabled.asBoolean()) {
            return null;
        }
        Severity severity;
        try {
            severity = Severity.parse("severity", node.path("severity").asText(null));
        } catch (io.intake.core.InvalidFieldException e) {
            throw new RulesFileException(src, id, "severity", e.getMessage().substring("severity: ".length()), e);
        }
        if (!id.startsWith(severity.name().toLowerCase(Locale.ROOT) + ".")) {
            throw new RulesFileException(src, id, "severity", severity + " does not match the id prefix '" + id.substring(0, id.indexOf('.')) + "'");
        }
        String reason = requireText(src, id, "reason", node.get("reason"));
        int[][] when = groups(src, id, "when", node.get("when"), concepts);
        if (when.length == 0) {
            throw new RulesFileException(src, id, "when", "needs at least one concept");
        }
        Scope scope = Scope.ANY;
        JsonNode scopeNode = node.get("scope");
        if (scopeNode != null) {
            String value = scopeNode.asText("");
            scope = null;
            for (Scope s : Scope.values()) {
                if (s.wireName().equals(value)) {
                    scope = s;
                }
            }
            if (scope == null) {
                throw new RulesFileException(src, id, "scope", "'" + value + "' is not a scope; one of any, all, not-partial, partial");
            }
        }
        boolean current = bool(src, id, "current", node.get("current"), severity != Severity.LOW);
        boolean overrides = bool(src, id, "overrides", node.get("overrides"), false);
        return new Rule(id, severity, reason.strip(), when, groups(src, id, "when-sentence", node.get("when-sentence"), concepts),
                groups(src, id, "when-message", node.get("when-message"), concepts),
                flat(src, id, "unless", node.get("unless"), concepts),
                flat(src, id, "unless-sentence", node.get("unless-sentence"), concepts), flat(src, id, "unless-message", node.get("unless-message"), concepts),
                scope, current, overrides);
    }

    private static boolean bool(String src, String id, String field, JsonNode node, boolean fallback) {
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new RulesFileException(src, id, field, "must be true or false");
        }
        return node.asBoolean();
    }

    private static int[][] groups(String src, String id, String field, JsonNode node, List<String> concepts) {
        List<String> entries = stringList(src, id, field, node);
        int[][] out = new int[entries.size()][];
        for (int i = 0; i < entries.size(); i++) {
            String[] names = entries.get(i).split("\\|");
            out[i] = new int[names.length];
            for (int j = 0; j < names.length; j++) {
                out[i][j] = concept(src, id, field, names[j].strip(), concepts);
            }
        }
        return out;
    }

    private static int[] flat(String src, String id, String field, JsonNode node, List<String> concepts) {
        return stringList(src, id, field, node).stream().mapToInt(n -> concept(src, id, field, n.strip(), concepts)).toArray();
    }

    private static int concept(String src, String id, String field, String name, List<String> concepts) {
        int index = concepts.indexOf(name);
        if (index < 0) {
            throw new RulesFileException(src, id, field, "refers to unknown concept '" + name + "'");
        }
        return index;
    }

    /** A parsed, not yet compiled file; mutable so a user file can be merged onto the defaults. */
    private static final class Document {
        String source;
        boolean extendsDefaults;
        final List<String> vocabulary = new ArrayList<>();
        final List<String> notTypos = new ArrayList<>();
        final List<String> negations = new ArrayList<>();
        final Map<String, String> synonyms = new LinkedHashMap<>();
        final Map<String, List<String>> concepts = new LinkedHashMap<>();
        final Map<String, String> conceptSources = new LinkedHashMap<>();
        final Map<String, RawRule> rules = new LinkedHashMap<>();

        Document(String source) {
            this.source = source;
        }

        String conceptSource(String name) {
            return conceptSources.getOrDefault(name, source);
        }

        void mergeFrom(Document user) {
            vocabulary.addAll(user.vocabulary);
            notTypos.addAll(user.notTypos);
            negations.addAll(user.negations);
            synonyms.putAll(user.synonyms);
            user.concepts.forEach((k, v) -> {
                concepts.put(k, v);
                conceptSources.put(k, user.source);
            });
            rules.putAll(user.rules);
        }
    }

    /** A rule before validation, kept with the file it came from. */
    private static final class RawRule {
        final String source;
        final String id;
        JsonNode node;

        RawRule(String source, String id) {
            this.source = source;
            this.id = id;
        }
    }
}
