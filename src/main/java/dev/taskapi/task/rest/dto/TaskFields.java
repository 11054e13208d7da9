package dev.taskapi.task.rest.dto;

import dev.taskapi.task.domain.TaskStatus;

/** The rules for the fields a client writes, the same on create and update. */
final class TaskFields {

    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String STATUS = "status";

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 2000;
    static final String STATUS_MESSAGE = "must be one of pending, in_progress, done";

    private TaskFields() {
    }

    static boolean isStatus(String value) {
        return value == null || TaskStatus.fromWire(value).isPresent();
    }

    /** Adds the rules for the fields present to {@code checks}; {@code title} comes without its surrounding blanks. */
    static FieldChecks check(FieldChecks checks, String title, String description, String status) {
        return checks
                .check(TITLE, title == null || !title.isEmpty(), "must not be blank")
                .check(TITLE, PlainText.isValid(title, TITLE_MAX, false), PlainText.message(TITLE_MAX))
                .check(DESCRIPTION, PlainText.isValid(description, DESCRIPTION_MAX, true),
                        PlainText.message(DESCRIPTION_MAX))
                .check(STATUS, isStatus(status), STATUS_MESSAGE);
    }
}
