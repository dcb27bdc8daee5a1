package io.intake.core.severity.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Developer tool (not a test): prints the real English words one edit away from a vocabulary word of the default rules
 * that the rules do not know yet, so they would be "corrected" into it ("noting" into "nothing"). Add them to
 * {@code not-typos}. Needs a word list, e.g. Debian's {@code wamerican}: {@code VocabularyNeighbours /usr/share/dict/words}.
 */
final class VocabularyNeighbours {

    private VocabularyNeighbours() {
    }

    public static void main(String[] args) throws Exception {
        Path dictionary = Path.of(args.length > 0 ? args[0] : "/usr/share/dict/words");
        RuleSet rules = RuleSetReader.defaults();
        Set<String> missing = new TreeSet<>();
        for (String word : Files.readAllLines(dictionary)) {
            if (word.length() < 5 || !word.matches("[a-z]+") || rules.knownWords().contains(word)) {
                continue;
            }
            for (String vocabulary : rules.vocabulary()) {
                if (vocabulary.charAt(0) == word.charAt(0) && Math.abs(vocabulary.length() - word.length()) <= 1
                        && TextNormaliser.oneEdit(word, vocabulary)) {
                    missing.add(word + " -> " + vocabulary);
                }
            }
        }
        missing.forEach(System.out::println);
        System.out.println(missing.size() + " real words would be corrected into a vocabulary word");
    }
}
