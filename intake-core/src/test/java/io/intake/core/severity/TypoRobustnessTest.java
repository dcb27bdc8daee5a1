package io.intake.core.severity;

import io.intake.core.ticket.IntakeRequest;
import io.intake.core.ticket.Severity;
import io.intake.core.severity.internal.RuleSet;
import io.intake.core.severity.internal.RuleSetReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One slip of the finger in a word the rules read should rarely change a classification. For every labelled case the
 * rules get right, each word of five letters or more that some concept's expression names is mistyped once (two
 * neighbours swapped, a letter dropped or doubled; never the first letter), and the mistyped message is classified
 * again. When the check was first run (over every word the rules know, synonyms included) 574 of 33,150 mistypings
 * (1.7 %) changed the answer with a vocabulary of 90 words, and 319 of 37,656 (0.8 %) with the rule words added to
 * the vocabulary. Over the concepts' words alone, with 30 blind sets: 351 of 47,065 (0.7 %). See docs/severity.md.
 */
class TypoRobustnessTest {

    private static final Pattern WORD = Pattern.compile("[A-Za-z]{5,}");
    private static final SeverityRules RULES = RuleBasedSeverityRules.defaults();

    @Test
    void aMistypedRuleWordRarelyChangesTheAnswer() throws Exception {
        RuleSet rules = RuleSetReader.defaults();
        Set<String> ruleWords = conceptWords(rules);
        Random random = new Random(7);
        int tries = 0;
        int flips = 0;
        int criticalTries = 0;
        int criticalFlips = 0;
        Map<String, Integer> flipsByWord = new TreeMap<>();
        for (Path file : files()) {
            for (LabelledCase labelled : LabelledCase.load(file)) {
                IntakeRequest request = labelled.request();
                if (RULES.classify(request).severity() != labelled.expected()) {
                    continue;
                }
                String body = request.body();
                Matcher m = WORD.matcher(body);
                while (m.find()) {
                    if (!ruleWords.contains(m.group().toLowerCase(java.util.Locale.ROOT))) {
                        continue;
                    }
                    String mistyped = body.substring(0, m.start()) + mistype(m.group(), random) + body.substring(m.end());
                    Severity got = RULES.classify(IntakeRequest.builder(request.channel(), request.sourceRef())
                            .subject(request.subject()).body(mistyped).receivedAt(request.receivedAt()).build()).severity();
                    boolean critical = labelled.expected() == Severity.CRITICAL;
                    tries++;
                    criticalTries += critical ? 1 : 0;
                    if (got != labelled.expected()) {
                        flips++;
                        criticalFlips += critical ? 1 : 0;
                        flipsByWord.merge(m.group().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
                    }
                }
            }
        }
        System.out.printf("mistyped rule words: %d tries, %d changed the answer (%.3f); CRITICAL %d of %d (%.3f); by word %s%n",
                tries, flips, flips / (double) tries, criticalFlips, criticalTries, criticalFlips / (double) criticalTries,
                flipsByWord);
        assertThat(tries).isGreaterThan(30_000);
        assertThat(flips / (double) tries).isLessThan(0.012);
        assertThat(criticalFlips / (double) criticalTries).isLessThan(0.012);
    }

    /** The literal words of five letters or more in the concepts' regular expressions. */
    static Set<String> conceptWords(RuleSet rules) {
        Set<String> words = new java.util.HashSet<>();
        Pattern literal = Pattern.compile("[a-z]{5,}");
        for (List<String> alternatives : rules.alternatives()) {
            for (String alternative : alternatives) {
                Matcher m = literal.matcher(alternative);
                while (m.find()) {
                    words.add(m.group());
                }
            }
        }
        return words;
    }

    /** One edit inside the word: swap two neighbours, drop a letter or double one; the first letter stays. */
    static String mistype(String word, Random random) {
        int i = 1 + random.nextInt(word.length() - 2);
        return switch (random.nextInt(3)) {
            case 0 -> word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
            case 1 -> word.substring(0, i) + word.substring(i + 1);
            default -> word.substring(0, i) + word.charAt(i) + word.substring(i);
        };
    }

    private static List<Path> files() throws Exception {
        Path folder = LabelledCasesContract.resource("own-cases.jsonl").getParent();
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(folder)) {
            list.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(files::add);
        }
        return files;
    }
}
