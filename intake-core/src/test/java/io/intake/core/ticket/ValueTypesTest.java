package io.intake.core.ticket;

import io.intake.core.InvalidFieldException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    @Nested
    class RequesterFields {

        @Test
        void headerInjectionThroughANameIsImpossible() {
            assertThatThrownBy(() -> new Requester("Eve\r\nBcc: all@example.com", "eve@example.com", null, null))
                    .isInstanceOf(InvalidFieldException.class).hasMessageContaining("requester.name")
                    .hasMessageContaining("single line");
        }

        @Test
        void aBadAddressNamesTheFieldAndValue() {
            assertThatThrownBy(() -> Requester.ofEmail(null, "not-an-address"))
                    .hasMessage("requester.email: 'not-an-address' is not an email address");
        }

        @Test
        void someoneMustBeIdentifiable() {
            assertThatThrownBy(() -> new Requester(" ", null, null, null)).hasMessageStartingWith("requester:");
        }
    }

    @Nested
    class AttachmentNames {

        @Test
        void pathTraversalInAFilenameIsReducedToABaseName() {
            assertThat(new Attachment("../../etc/passwd", null, 1, "sha256:00", null).name()).isEqualTo("passwd");
            assertThat(new Attachment("..\\..\\windows\\win.ini", null, 1, "sha256:00", null).name()).isEqualTo("win.ini");
            assertThat(new Attachment("..", null, 1, "sha256:00", null).name()).isEqualTo("attachment");
        }

        @Test
        void controlCharactersAndReservedCharactersAreReplaced() {
            assertThat(Attachment.safeName("a\u0000b:c?.txt")).isEqualTo("a_b_c_.txt");
        }
    }

    @Nested
    class Requests {

        @Test
        void anEmptyRequestIsRefusedNamingTheBody() {
            assertThatThrownBy(() -> IntakeRequest.builder(Channel.WEB, "f1").receivedAt(Instant.EPOCH).build())
                    .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("body:");
        }

        @Test
        void subjectsAreFoldedToOneLine() {
            IntakeRequest r = IntakeRequest.builder(Channel.EMAIL, "<x@y>").subject("a\r\n b").body("x")
                    .receivedAt(Instant.EPOCH).build();
            assertThat(r.subject()).isEqualTo("a b");
        }

        @Test
        void theSourceReferenceIsRequired() {
            assertThatThrownBy(() -> IntakeRequest.builder(Channel.EMAIL, " ").body("x").receivedAt(Instant.EPOCH).build())
                    .hasMessageStartingWith("source_ref:");
        }
    }

    @Test
    void channelAndSeverityErrorsListTheAllowedValues() {
        assertThatThrownBy(() -> Channel.parse("channel", "fax")).hasMessageContaining("one of email, chat, phone, web, monitor");
        assertThatThrownBy(() -> Severity.parse("severity", "P1")).hasMessageContaining("one of LOW, DEGRADED, CRITICAL");
    }
}
