package io.intake.core.severity.internal;

import io.intake.core.ticket.Classification;
import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Applies a {@link RuleSet} to a request: exclusions first, then the most severe current problem, then the first
 * matching LOW rule, then the customer's hints as a tie-breaker. Thread-safe; all per-request state is local.
 */
public final class SeverityEngine {

    /** Rule id used when nothing matched and no hint was given. */
    public static final String FALLBACK_RULE = "low.no-service-impact";

    private static final int MAX_EVIDENCE = 160;

    private final RuleSet rules;
    private final TextNormaliser normaliser;
    private final Analysis.Reserved reserved;
    /** The optional concept "another issue or site" ({@link #excludeParagraphs}), or -1. */
    private final int otherPart;
    private final WordIds wordIds = new WordIds();
    private final List<GatedPattern> concepts = new ArrayList<>();
    private final List<Rule> overrides = new ArrayList<>();
    private final List<Rule> problems = new ArrayList<>();
    private final List<Rule> lows = new ArrayList<>();
    /** Matchers are reused from request to request on the same thread instead of being built for every word tried. */
    private final ThreadLocal<MatcherCache> matchers;

    public SeverityEngine(RuleSet rules) {
        this.rules = rules;
        this.normaliser = new TextNormaliser(rules, wordIds);
        this.reserved = Analysis.Reserved.of(rules);
        this.otherPart = rules.conceptIndex("other_part");
        for (int i = 0; i < rules.concepts().size(); i++) {
            concepts.add(new GatedPattern(rules.concepts().get(i), rules.alternatives().get(i), wordIds));
        }
        for (Rule rule : rules.rules()) {
            if (rule.overrides()) {
                overrides.add(rule);
            } else if (rule.severity() == Severity.LOW) {
                lows.add(rule);
            } else {
                problems.add(rule);
            }
        }
        problems.sort(Comparator.comparing(Rule::severity).reversed());
        matchers = ThreadLocal.withInitial(() -> new MatcherCache(wordIds));
    }

    public RuleSet rules() {
        return rules;
    }

    /**
     * A forward ("Fw:" subject, or a newest text that is only "???") whose newest text is at most this many words that
     * no concept reads ("???" and a name and title) says nothing of its own: the forwarded report decides. A short
     * "Perfect, thank you!" over a quoted thread is not a forward and leaves the thread as history.
     */
    private static final int BARE_FORWARD_WORDS = 8;
    private static final java.util.regex.Pattern FORWARD_SUBJECT = java.util.regex.Pattern.compile(
            "(?i)^\\s*(?:fw|fwd|tr|wg|rv)\\s*:");
    private static final java.util.regex.Pattern ONLY_MARKS = java.util.regex.Pattern.compile("^[?!.\\s]+$");

    private static boolean isForward(IntakeRequest request, MessageParts parts) {
        if (FORWARD_SUBJECT.matcher(request.subject()).lookingAt()) {
            return true;
        }
        for (String sentence : parts.current()) {
            if (ONLY_MARKS.matcher(sentence).matches()) {
                return true;
            }
        }
        return false;
    }

    public Classification classify(IntakeRequest request) {
        MessageParts parts = MessageReader.read(request);
        Workspace workspace = new Workspace(matchers.get());
        Analysis analysis = new Analysis(parts.current(), normaliser, concepts, wordIds, reserved, workspace);
        if (!parts.quoted().isEmpty() && (analysis.isEmpty() || (isForward(request, parts) && analysis.saysNothing(BARE_FORWARD_WORDS))
                || ((analysis.messageHas(reserved.still())
                || analysis.messageHas(reserved.forward())) && !analysis.messageHas(reserved.resolved())))) {
            List<String> all = new ArrayList<>(parts.current());
            all.addAll(parts.quoted());
            analysis = new Analysis(all, parts.current().size(), normaliser, concepts, wordIds, reserved, workspace);
        }
        for (Rule rule : overrides) {
            Classification c = match(rule, analysis);
            Classification split = mentions(rule, analysis) ? excludeParagraphs(rule, c != null, parts, workspace) : null;
            if (split != null) {
                return split;
            }
            if (c != null) {
                return c;
            }
        }
        for (Rule rule : problems) {
            Classification c = match(rule, analysis);
            if (c != null) {
                return c;
            }
        }
        for (Rule rule : lows) {
            Classification c = match(rule, analysis);
            if (c != null) {
                return c;
            }
        }
        return fromHints(parts);
    }

    /**
     * An exclusion that holds for some paragraphs of the message but not for another that reads as a separate part
     * ("Fremont: AT&T has an outage. // Oakland: the internet there is fine, but no handset works."): the excluded
     * paragraphs are set aside and the rest is classified on its own, since the most severe current problem the provider
     * is responsible for decides. A part reads as separate when the exclusion's own unless-message concepts (the
     * network said to work) are in it, or, when the exclusion held for the whole message, when it says it is another
     * issue or site ({@code other_part}). Returns null when the message is not split this way.
     */
    private Classification excludeParagraphs(Rule rule, boolean wholeMessage, MessageParts parts, Workspace workspace) {
        java.util.TreeSet<Integer> body = new java.util.TreeSet<>(parts.paragraphs());
        body.remove(0);
        if (body.size() < 2) {
            return null;
        }
        Classification exclusion = null;
        java.util.Set<Integer> rest = new java.util.TreeSet<>();
        boolean separate = false;
        for (int p : body) {
            Analysis paragraph = new Analysis(parts.sentencesOf(java.util.Set.of(p)), normaliser, concepts, wordIds, reserved, workspace);
            Classification c = match(rule, paragraph);
            if (c != null) {
                if (exclusion == null) {
                    exclusion = c;
                }
            } else {
                rest.add(p);
                separate |= wholeMessage ? otherPart >= 0 && paragraph.messageHas(otherPart) : saysUnless(rule, paragraph);
            }
        }
        if (exclusion == null || rest.isEmpty() || !separate) {
            return null;
        }
        Analysis others = new Analysis(parts.sentencesOf(rest), normaliser, concepts, wordIds, reserved, workspace);
        for (Rule problem : problems) {
            Classification c = match(problem, others);
            if (c != null) {
                return c;
            }
        }
        // the rest shows no problem of its own: when the exclusion held for the whole message it decides; when the
        // network was said to work somewhere ("IT checked: the internet is fine"), the message is read as a whole
        return wholeMessage ? exclusion : null;
    }

    /** Whether every {@code when} group of the rule is met somewhere in the message (a cheap test before splitting). */
    private static boolean mentions(Rule rule, Analysis a) {
        for (int[] group : rule.when()) {
            if (!anyInMessage(group, a)) {
                return false;
            }
        }
        return true;
    }

    private static boolean saysUnless(Rule rule, Analysis a) {
        for (int concept : rule.unlessMessage()) {
            if (a.messageHas(concept)) {
                return true;
            }
        }
        return false;
    }

    private Classification match(Rule rule, Analysis a) {
        for (int[] group : rule.whenMessage()) {
            if (!anyInMessage(group, a)) {
                return null;
            }
        }
        // the message-wide vetoes are read only once a clause qualifies (most rules never get that far)
        boolean vetoesRead = false;
        clauses:
        for (int i = 0; i < a.clauses.size(); i++) {
            Segment clause = a.clauses.get(i);
            for (int[] group : rule.when()) {
                if (first(group, clause) < 0) {
                    continue clauses;
                }
            }
            Segment sentence = rule.whenSentence().length == 0 && rule.unlessSentence().length == 0 ? a.sentenceOf(i) : a.contextOf(i);
            for (int[] group : rule.whenSentence()) {
                if (first(group, sentence) < 0) {
                    continue clauses;
                }
            }
            for (int concept : rule.unless()) {
                if (clause.has(concept)) {
                    continue clauses;
                }
            }
            for (int concept : rule.unlessSentence()) {
                if (sentence.has(concept)) {
                    continue clauses;
                }
            }
            if (rule.current() && !a.isCurrent(i)) {
                continue;
            }
            if (!rule.scope().accepts(a.scopeOf(i))) {
                continue;
            }
            if (!vetoesRead) {
                for (int concept : rule.unlessMessage()) {
                    if (a.newestHas(concept)) {
                        return null;
                    }
                }
                vetoesRead = true;
            }
            return new Classification(rule.severity(), rule.id(), rule.reason() + " (matched: " + evidence(rule, clause, sentence, a) + ")");
        }
        return null;
    }

    private static int first(int[] group, Segment segment) {
        for (int concept : group) {
            if (segment.has(concept)) {
                return concept;
            }
        }
        return -1;
    }

    private static boolean anyInMessage(int[] group, Analysis a) {
        for (int concept : group) {
            if (a.messageHas(concept)) {
                return true;
            }
        }
        return false;
    }

    private static String evidence(Rule rule, Segment clause, Segment sentence, Analysis a) {
        List<String> parts = new ArrayList<>();
        for (int[] group : rule.when()) {
            add(parts, clause.evidence(first(group, clause)));
        }
        for (int[] group : rule.whenSentence()) {
            add(parts, sentence.evidence(first(group, sentence)));
        }
        for (int[] group : rule.whenMessage()) {
            for (int concept : group) {
                if (a.messageHas(concept)) {
                    add(parts, a.messageEvidence(concept));
                    break;
                }
            }
        }
        String joined = String.join("\" + \"", parts);
        if (joined.length() > MAX_EVIDENCE) {
            joined = joined.substring(0, MAX_EVIDENCE - 3) + "...";
        }
        return "\"" + joined + "\"";
    }

    private static void add(List<String> parts, String text) {
        if (text != null && !parts.contains(text)) {
            parts.add(text.strip());
        }
    }

    private static Classification fromHints(MessageParts parts) {
        if (parts.suggested() != null) {
            return new Classification(parts.suggested(), "hint.customer-priority",
                    "No rule matched; the customer's suggested severity " + parts.suggested() + " is used as a tie-breaker");
        }
        if (parts.ivrMenu() != null) {
            Severity s = "1".equals(parts.ivrMenu()) ? Severity.DEGRADED : Severity.LOW;
            return new Classification(s, "hint.ivr-menu", "No rule matched; the caller's IVR option " + parts.ivrMenu()
                    + " is used as a tie-breaker");
        }
        if (parts.requestType() != null) {
            String type = parts.requestType().toLowerCase(Locale.ROOT);
            Severity s = type.matches(".*(technical|outage|problem|issue|repair|trouble|not working|fault).*") ? Severity.DEGRADED : Severity.LOW;
            return new Classification(s, "hint.request-type", "No rule matched; the form's request type '"
                    + shorten(parts.requestType()) + "' is used as a tie-breaker");
        }
        return new Classification(Severity.LOW, FALLBACK_RULE, "No service problem was described");
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
