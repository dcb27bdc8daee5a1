package io.intake.core.severity.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The word-by-word clause split must cut exactly where the CLAUSE_BREAK expression does. */
class ClauseSplitTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "phones", "phones are down but voicemail works", "but phones are down", "phones are down but",
        "a but but b", "a but but but b", "a sin embargo b", "a sin b", "sin embargo", "a sin embargo",
        "the cordless works while the desk phones are dead", "while phones are dead", "a while b is", "a while b",
        "um so uh the phones um", "x hmm y ehm z em w", "phones  are down but  x", " leading but x", "trailing but x ",
        "it s rock'n'roll but fine", "calls drop however transfer works although slowly"})
    void cutsWhereTheExpressionCuts(String text) {
        assertThat(Analysis.clauses(text)).containsExactly(Analysis.CLAUSE_BREAK.split(text));
    }

    @Test
    void cutsWhereTheExpressionCutsOnRandomWordSequences() {
        String[] words = {"but", "however", "though", "except", "sin", "embargo", "while", "is", "are", "can", "works",
            "work", "um", "uh", "phones", "calls", "a", "b", "negx", "hmm", "whereas", "pero", "aunque"};
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(9);
            for (int i = 0; i < length; i++) {
                sb.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            }
            String text = sb.toString();
            assertThat(Analysis.clauses(text)).as(text).containsExactly(Analysis.CLAUSE_BREAK.split(text));
            assertThat(Analysis.clauses(text, text.split(" "))).as(text).containsExactly(Analysis.CLAUSE_BREAK.split(text));
        }
    }

    @Test
    void readsAContinuationAsTheExpressionDoes() {
        String[] words = {"it", "its", "they", "this", "these", "those", "he", "she", "when", "and", "also", "then", "now",
            "phones", "calls", "the", "that", "thats", "i"};
        Random random = new Random(3);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(4);
            for (int i = 0; i < length; i++) {
                sb.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            }
            String text = sb.toString();
            assertThat(Analysis.continues(text.split(" "))).as(text).isEqualTo(Analysis.CONTINUES.matcher(text).find());
        }
    }
}
