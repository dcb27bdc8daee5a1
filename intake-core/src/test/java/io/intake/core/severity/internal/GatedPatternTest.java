package io.intake.core.severity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.core.TestData;
import io.intake.core.ticket.Channel;
import io.intake.core.ticket.IntakeRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A concept tried only at candidate words, alternative by alternative, with alternatives skipped when the text lacks
 * a word they need, must find exactly what its plain regular expression finds: same start, same text. Checked on every
 * normalised sentence and clause of the labelled sets, on mutations of them, and on random word sequences.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatedPatternTest {

    private static final String[] SUFFIXES = {"s", "es", "ed", "d", "ing", "er"};

    private RuleSet rules;
    private WordIds wordIds;
    private final List<GatedPattern> concepts = new ArrayList<>();
    private final Set<String> texts = new LinkedHashSet<>();

    @BeforeAll
    void readCorpus() throws Exception {
        rules = RuleSetReader.defaults();
        wordIds = new WordIds();
        TextNormaliser normaliser = new TextNormaliser(rules, wordIds);
        for (int i = 0; i < rules.concepts().size(); i++) {
            concepts.add(new GatedPattern(rules.concepts().get(i), rules.alternatives().get(i), wordIds));
        }
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(Path.of(GatedPatternTest.class.getResource("/severity").toURI()))) {
            list.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(files::add);
        }
        files.add(TestData.file("severity/public.jsonl"));
        ObjectMapper json = new ObjectMapper();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode d = json.readTree(line);
                IntakeRequest request = IntakeRequest.builder(Channel.parse("channel", d.get("channel").asText()), "x")
                        .subject(d.path("subject").asText("")).body(d.path("body").asText(""))
                        .receivedAt(Instant.parse("2025-03-04T15:00:00Z")).build();
                MessageParts parts = MessageReader.read(request);
                List<String> sentences = new ArrayList<>(parts.current());
                sentences.addAll(parts.quoted());
                for (String raw : sentences) {
                    String text = normaliser.normalise(raw);
                    texts.add(text);
                    texts.addAll(Arrays.asList(Analysis.clauses(text)));
                }
            }
        }
    }

    @Test
    void findsWhatThePlainExpressionFindsOnTheLabelledSentences() {
        assertThat(texts).hasSizeGreaterThan(2_000);
        texts.forEach(this::assertSame);
    }

    @Test
    void findsWhatThePlainExpressionFindsOnMutatedSentences() {
        Random random = new Random(7);
        List<String> words = new ArrayList<>();
        texts.forEach(t -> words.addAll(Arrays.asList(t.split(" "))));
        for (String text : List.copyOf(texts)) {
            List<String> base = Arrays.asList(text.split(" "));
            for (int k = 0; k < 4; k++) {
                List<String> w = new ArrayList<>(base);
                switch (random.nextInt(5)) {
                    case 4 -> {
                        // inflect a word: "line" -> "lines", so a word glued to a suffix in a pattern is exercised
                        int i = random.nextInt(w.size());
                        w.set(i, w.get(i) + SUFFIXES[random.nextInt(SUFFIXES.length)]);
                    }
                    case 0 -> w.remove(random.nextInt(w.size()));
                    case 1 -> w.add(random.nextInt(w.size() + 1), words.get(random.nextInt(words.size())));
                    case 2 -> {
                        int i = random.nextInt(w.size());
                        w.set(i, words.get(random.nextInt(words.size())));
                    }
                    default -> {
                        int from = random.nextInt(w.size());
                        w = w.subList(from, from + random.nextInt(w.size() - from) + 1);
                    }
                }
                assertSame(String.join(" ", w).strip());
            }
        }
    }

    @Test
    void findsWhatThePlainExpressionFindsOnRandomWordSequences() {
        Random random = new Random(11);
        List<String> words = new ArrayList<>();
        texts.forEach(t -> words.addAll(Arrays.asList(t.split(" "))));
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                sb.append(i == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
            }
            assertSame(sb.toString());
        }
    }

    @Test
    void readsTheWordsAnAlternativeNeeds() {
        assertThat(GatedPattern.requiredWords("(?:not|no) (?:\\w+ )?(?:getting|receiving) (?:any )?calls"))
                .containsExactly(Set.of("not", "no"), Set.of("getting", "receiving"), Set.of("calls"));
        assertThat(GatedPattern.requiredWords("main (?:phone |office )?(?:number|line)s?")).containsExactly(Set.of("main"));
        assertThat(GatedPattern.requiredWords("goes? to (?:a|an) (?:\\w+ ){0,2}place")).containsExactly(Set.of("to"),
                Set.of("a", "an"), Set.of("place"));
        assertThat(GatedPattern.requiredWords("a|b")).isEmpty();
        // a word ends where a space, the end, a boundary or a group of space-led options follows, past lookaheads
        assertThat(GatedPattern.requiredWords("(?:call|dial)(?: out)?$")).containsExactly(Set.of("call", "dial"));
        assertThat(GatedPattern.requiredWords("it (?:\\w+ ){0,5}(?:drop|die)(?: after| when)"))
                .containsExactly(Set.of("it"), Set.of("drop", "die"));
        assertThat(GatedPattern.requiredWords("(?:two|three)(?! of)")).containsExactly(Set.of("two", "three"));
        assertThat(GatedPattern.requiredWords("drop(?! off)(?: after)?\\b")).containsExactly(Set.of("drop"));
        // but not where more word characters may follow
        assertThat(GatedPattern.requiredWords("(?:can|will) ?(?:\\w+ )?make")).isEmpty(); // "canmake" matches
        assertThat(GatedPattern.requiredWords("drop(?:ped| after)")).isEmpty();
        assertThat(GatedPattern.requiredWords("drop(?! off)(?:s)?")).isEmpty();
        assertThat(GatedPattern.requiredWords("(\\d+) (?:of|out of) (?:our |the )?\\1(?!\\d)")).containsExactly(Set.of("of", "out"));
    }

    @Test
    void flattensOnlyAnAlternativeThatIsOnePlainGroup() {
        assertThat(GatedPattern.flatten(List.of("(?:not in service|out of service)", "(?:a|b) c", "(?:a|b)?", "x")))
                .containsExactly("not in service", "out of service", "(?:a|b) c", "(?:a|b)?", "x");
    }

    private void assertSame(String text) {
        if (text.isEmpty()) {
            return;
        }
        String[] tokens = text.split(" ");
        int[] starts = new int[tokens.length];
        for (int i = 1; i < tokens.length; i++) {
            starts[i] = starts[i - 1] + tokens[i - 1].length() + 1;
        }
        int[] ids = wordIds.idsOf(tokens);
        long[] present = Segment.isPlain(text) ? GatedPattern.presence(ids, wordIds.size()) : null;
        MatcherCache cache = new MatcherCache(wordIds);
        for (int c = 0; c < concepts.size(); c++) {
            Matcher plain = rules.concepts().get(c).matcher(text);
            boolean found = plain.find();
            Matcher gated = concepts.get(c).find(text, tokens, starts, ids, present, cache);
            String where = rules.conceptNames().get(c) + " on '" + text + "'";
            assertThat(gated != null).as(where).isEqualTo(found);
            if (found) {
                assertThat(gated.start()).as(where).isEqualTo(plain.start());
                assertThat(gated.group()).as(where).isEqualTo(plain.group());
            }
        }
    }

    @Test
    void anAlternativeWithoutAKnownFirstWordStillWinsWhenItMatchesEarlier() {
        WordIds ids = new WordIds();
        // the first alternative starts with a class (no first word can be told), the second with "down"
        java.util.regex.Pattern plain = java.util.regex.Pattern.compile("\\b(?:(?:[a-z]+ing out)|(?:down))(?![a-z0-9])");
        GatedPattern gated = new GatedPattern(plain, List.of("[a-z]+ing out", "down"), ids);
        for (String text : List.of("calls keep cutting out and the line is down", "the line is down and calls keep cutting out",
                "nothing here", "cutting out")) {
            String[] tokens = text.split(" ");
            int[] starts = new int[tokens.length];
            for (int i = 1; i < tokens.length; i++) {
                starts[i] = starts[i - 1] + tokens[i - 1].length() + 1;
            }
            Matcher expected = plain.matcher(text);
            Matcher got = gated.find(text, tokens, starts, ids.idsOf(tokens), new MatcherCache(ids));
            assertThat(got != null).as(text).isEqualTo(expected.find());
            if (got != null) {
                assertThat(got.start()).as(text).isEqualTo(expected.start());
                assertThat(got.group()).as(text).isEqualTo(expected.group());
            }
        }
    }

    @Test
    void aLookaheadAfterTheFirstWordOrALookbehindBeforeItKeepsTheWordKnown() {
        assertThat(GatedPattern.firstWords("wrong(?! pin| password)")).containsExactly("wrong");
        assertThat(GatedPattern.firstWords("(?:(?<!call |calls )in and out(?! of)|choppy)")).containsExactlyInAnyOrder("in", "choppy");
    }

    /**
     * Speed guard: an alternative that cannot be tied to the words it starts with is tried at every position of every
     * sentence (twice this happened unnoticed and halved classification speed). The default rules have none.
     */
    @Test
    void everyDefaultAlternativeIsTiedToTheWordsItStartsWith() {
        List<String> ungated = new ArrayList<>();
        for (int c = 0; c < rules.concepts().size(); c++) {
            for (String alternative : GatedPattern.flatten(rules.alternatives().get(c))) {
                if (GatedPattern.firstWords(alternative) == null) {
                    ungated.add(rules.conceptNames().get(c) + ": " + alternative);
                }
            }
        }
        assertThat(ungated).as("alternatives that would be tried everywhere; start them with literal words").isEmpty();
    }
}
