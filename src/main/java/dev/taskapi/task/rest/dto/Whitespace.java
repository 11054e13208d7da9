package dev.taskapi.task.rest.dto;

/** What counts as blank around a text people typed. */
final class Whitespace {

    private Whitespace() {
    }

    /**
     * {@code value} without the blank characters around it: whitespace as {@link String#strip()}
     * sees it, and also the no-break spaces (U+00A0, U+2007, U+202F) that strip keeps, so that a
     * title of no-break spaces is as blank as one of spaces. {@code null} stays {@code null}.
     */
    static String strip(String value) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (start < end && isBlank(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (end > start && isBlank(value.codePointBefore(end))) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        return value.substring(start, end);
    }

    private static boolean isBlank(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }
}
