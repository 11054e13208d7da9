package dev.taskapi.task.rest.dto;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text a person typed: at most {@link #max()} characters counted as Unicode code points (an emoji
 * is one character, as users count), no control characters (line breaks only if {@link #multiline()}),
 * and no unpaired surrogates, which JSON escapes can smuggle in but no storage can round-trip.
 * {@code null} is valid; combine with {@code @NotBlank} where a value is required.
 */
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {

    int max();

    boolean multiline() default false;

    String message() default "must be plain text of at most {max} characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks one value against its {@link PlainText}. */
    class Validator implements ConstraintValidator<PlainText, String> {

        private int max;
        private boolean multiline;

        @Override
        public void initialize(PlainText annotation) {
            max = annotation.max();
            multiline = annotation.multiline();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
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
                } else if (Character.isLowSurrogate(c) || isForbiddenControl(c)) {
                    return false;
                }
                if (++count > max) {
                    return false;
                }
            }
            return true;
        }

        private boolean isForbiddenControl(char c) {
            if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
                return false;
            }
            return Character.getType(c) == Character.CONTROL;
        }
    }
}
