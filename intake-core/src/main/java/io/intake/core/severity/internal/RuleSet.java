package io.intake.core.severity.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated, compiled set of severity rules: the vocabulary for reading text and the rules themselves.
 *
 * @param source         where the rules came from (file path or classpath resource), for messages
 * @param wordSynonyms   single words mapped to their replacement (typos, Spanish)
 * @param phraseSynonyms multi-word phrases mapped to their replacement
 * @param vocabulary     words that near-misses (one edit) are corrected to
 * @param knownWords     words that are never "corrected"
 * @param negations      patterns whose matches are replaced by the word {@code negx}
 * @param conceptNames   concept names, index = concept id
 * @param concepts       compiled concept patterns, same order
 * @param alternatives   the pattern texts of each concept, same order (used to find where a pattern can start)
 * @param negationTexts  the pattern texts of {@code negations}
 * @param rules          rules in file order
 */
public record RuleSet(String source, Map<String, String> wordSynonyms, Map<String, String> phraseSynonyms,
                      List<String> vocabulary, Set<String> knownWords, List<Pattern> negations,
                      List<String> conceptNames, List<Pattern> concepts, List<List<String>> alternatives,
                      List<String> negationTexts, List<Rule> rules) {

    /** Concepts the engine itself reads; every rules file must define them. */
    public static final List<String> RESERVED_CONCEPTS = List.of("howto", "request", "planned", "hypothetical", "past",
            "current", "resolved", "still", "forward", "scope_all", "scope_partial", "others_ok");

    public RuleSet {
        wordSynonyms = Map.copyOf(wordSynonyms);
        phraseSynonyms = Map.copyOf(phraseSynonyms);
        vocabulary = List.copyOf(vocabulary);
        knownWords = Set.copyOf(knownWords);
        negations = List.copyOf(negations);
        conceptNames = List.copyOf(conceptNames);
        concepts = List.copyOf(concepts);
        alternatives = alternatives.stream().map(List::copyOf).toList();
        negationTexts = List.copyOf(negationTexts);
        rules = List.copyOf(rules);
    }

    /** The index of a concept, or -1. */
    public int conceptIndex(String name) {
        return conceptNames.indexOf(name);
    }
}
