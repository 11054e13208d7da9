package dev.taskapi.task.rest.dto;

/**
 * Text a person typed: at most a given number of characters counted as Unicode code points (an
 * emoji is one character, as users count), no control characters (line breaks only where allowed),
 * and no unpaired surrogates, which JSON escapes can smuggle in but no storage can round-trip.
 */
final class PlainText {

    private PlainText() {
    }

    /** The message for a value that breaks the rule. */
    static String message(int max) {
        return "must be plain text of at most " + max + " characters";
    }

    /** Whether {@code value} keeps the rule; {@code null} does (whether it may be absent is another rule). */
    static boolean isValid(String value, int max, boolean multiline) {
        if (value == null) {
            return true;
        }
        int count = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || isForbiddenControl(c, multiline)) {
                return false;
            }
            if (++count > max) {
                return false;
            }
        }
        return true;
    }

    private static boolean isForbiddenControl(char c, boolean multiline) {
        if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
            return false;
        }
        return Character.getType(c) == Character.CONTROL;
    }
}
