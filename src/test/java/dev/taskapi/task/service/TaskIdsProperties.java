package dev.taskapi.task.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import dev.taskapi.task.domain.Task;

/** Ids are well-formed UUIDv7 and, from one instance, sort in the order they were made. */
class TaskIdsProperties {

    @Property
    void ids_sortInCreationOrder_evenWithinOneMillisecond(
            @ForAll @Size(min = 2, max = 300) List<@IntRange(min = 0, max = 3) Integer> millisecondSteps) {
        TaskIds ids = new TaskIds();
        long millis = 1_764_872_400_000L;
        String previous = ids.next(Instant.ofEpochMilli(millis));
        for (int step : millisecondSteps) {
            millis += step;
            String next = ids.next(Instant.ofEpochMilli(millis));

            assertTrue(Task.isWellFormedId(next), next);
            assertTrue(previous.compareTo(next) < 0, previous + " then " + next);
            previous = next;
        }
    }

    @Property
    void ids_neverGoBack_whenTheClockDoes(@ForAll @IntRange(min = 1, max = 10_000) int backwardsMillis) {
        TaskIds ids = new TaskIds();
        long now = 1_764_872_400_000L;
        String first = ids.next(Instant.ofEpochMilli(now));

        String afterStep = ids.next(Instant.ofEpochMilli(now - backwardsMillis));

        assertTrue(first.compareTo(afterStep) < 0, first + " then " + afterStep);
    }
}
