package dev.taskapi.task.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import dev.taskapi.task.domain.InvalidPageTokenException;

/** A next_token leads its owner back to where the page ended, and nobody anywhere else. */
class PageTokensProperties {

    @Property
    void aToken_resumesAfterTheIdItWasIssuedFor(@ForAll @StringLength(min = 1, max = 64) String owner,
            @ForAll("statuses") Optional<String> status, @ForAll("ids") String id) {
        String token = PageTokens.issue(owner, status, id);

        assertEquals(id, PageTokens.resumeAfter(token, owner, status));
    }

    @Property
    void aToken_isRefused_forAnyOtherOwner(@ForAll @StringLength(min = 1, max = 64) String owner,
            @ForAll @StringLength(min = 1, max = 64) String other, @ForAll("ids") String id) {
        Assume.that(!owner.equals(other));
        String token = PageTokens.issue(owner, Optional.empty(), id);

        assertThrows(InvalidPageTokenException.class, () -> PageTokens.resumeAfter(token, other, Optional.empty()));
    }

    @Property
    void aToken_isRefused_forAnyOtherFilter(@ForAll("statuses") Optional<String> issuedFor,
            @ForAll("statuses") Optional<String> usedFor, @ForAll("ids") String id) {
        Assume.that(!issuedFor.equals(usedFor));
        String token = PageTokens.issue("owner", issuedFor, id);

        assertThrows(InvalidPageTokenException.class, () -> PageTokens.resumeAfter(token, "owner", usedFor));
    }

    @Property(tries = 2000)
    void anEditedToken_isRefused_orLeadsExactlyWhereTheOriginalDid(@ForAll("ids") String id,
            @ForAll @IntRange(min = 0, max = 200) int position, @ForAll char replacement) {
        String token = PageTokens.issue("owner", Optional.of("done"), id);
        int at = position % token.length();
        String edited = token.substring(0, at) + replacement + token.substring(at + 1);

        try {
            assertEquals(id, PageTokens.resumeAfter(edited, "owner", Optional.of("done")));
        } catch (InvalidPageTokenException refused) {
            // the expected answer for nearly every edit
        }
    }

    @Property
    void anyString_isRefusedOrResumesAfterAWellFormedId(@ForAll @StringLength(max = 200) String garbage) {
        try {
            String id = PageTokens.resumeAfter(garbage, "owner", Optional.empty());
            assertEquals(id, UUID.fromString(id).toString());
        } catch (InvalidPageTokenException refused) {
            // nothing but this exception may come out
        }
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.longs().tuple2().map(bits -> new UUID(
                (bits.get1() & 0xFFFFFFFFFFFF0FFFL) | 0x7000L,
                (bits.get2() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString());
    }

    @Provide
    Arbitrary<Optional<String>> statuses() {
        return Arbitraries.of("pending", "in_progress", "done").optional();
    }
}
