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

    private final PlainText.Validator singleLine = validator(20, false);
    private final PlainText.Validator multiline = validator(20, true);

    @Property(tries = 3000)
    void agreesWithTheRuleStatedPlainly(@ForAll("texts") String text) {
        long codePoints = text.codePoints().count();
        boolean hasControl = text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL);
        boolean hasControlOtherThanLineBreaks = text.codePoints()
                .anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t');
        boolean hasLoneSurrogate = text.codePoints().anyMatch(c -> c >= 0xD800 && c <= 0xDFFF);

        assertEquals(codePoints <= 20 && !hasControl && !hasLoneSurrogate, singleLine.isValid(text, null), text);
        assertEquals(codePoints <= 20 && !hasControlOtherThanLineBreaks && !hasLoneSurrogate,
                multiline.isValid(text, null), text);
    }

    @Property
    void emoji_countAsOneCharacterEach(@ForAll @IntRange(min = 0, max = 25) int count) {
        String emoji = "\uD83D\uDE00".repeat(count);

        assertEquals(count <= 20, singleLine.isValid(emoji, null));
    }

    @Property
    void nullIsLeftToOtherConstraints() {
        assertTrue(singleLine.isValid(null, null));
        assertFalse(singleLine.isValid("\uD800", null));
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

    private static PlainText.Validator validator(int max, boolean lineBreaks) {
        PlainText.Validator validator = new PlainText.Validator();
        validator.initialize(new PlainText() {
            @Override
            public int max() {
                return max;
            }

            @Override
            public boolean multiline() {
                return lineBreaks;
            }

            @Override
            public String message() {
                return "";
            }

            @Override
            public Class<?>[] groups() {
                return new Class<?>[0];
            }

            @SuppressWarnings("unchecked")
            @Override
            public Class<? extends jakarta.validation.Payload>[] payload() {
                return new Class[0];
            }

            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return PlainText.class;
            }
        });
        return validator;
    }
}
