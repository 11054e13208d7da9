package dev.taskapi.task.rest.dto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The text rule, against a plain statement of it. */
class PlainTextProperties {

    @Property(tries = 3000)
    void agreesWithTheRuleStatedPlainly(@ForAll("texts") String text) {
        long codePoints = text.codePoints().count();
        boolean hasControl = text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL);
        boolean hasControlOtherThanLineBreaks = text.codePoints()
                .anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t');
        boolean hasLoneSurrogate = text.codePoints().anyMatch(c -> c >= 0xD800 && c <= 0xDFFF);

        assertEquals(codePoints <= 20 && !hasControl && !hasLoneSurrogate, PlainText.isValid(text, 20, false), text);
        assertEquals(codePoints <= 20 && !hasControlOtherThanLineBreaks && !hasLoneSurrogate,
                PlainText.isValid(text, 20, true), text);
    }

    @Property
    void emoji_countAsOneCharacterEach(@ForAll @IntRange(min = 0, max = 25) int count) {
        String emoji = "\uD83D\uDE00".repeat(count);

        assertEquals(count <= 20, PlainText.isValid(emoji, 20, false));
    }

    @Property
    void nullIsLeftToOtherConstraints() {
        assertTrue(PlainText.isValid(null, 20, false));
        assertFalse(PlainText.isValid("\uD800", 20, false));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Character> anyChar = Arbitraries.chars();
        Arbitrary<Character> plain = Arbitraries.chars().range(' ', '~');
        Arbitrary<Character> special = Arbitraries.of('\n', '\t', '\r', '\u0000', '\u007F', '\u0085', '\uD83D', '\uDE00', 'é');
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, plain), net.jqwik.api.Tuple.of(2, special), net.jqwik.api.Tuple.of(1, anyChar))
                .list().ofMaxSize(30)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
    }
}
