package io.intake.email;

import io.intake.email.internal.ContentHash;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A mail without a Message-ID is identified by its content, whichever mailbox and server delivered it. */
class ContentHashTest {

    private static final String MAIL = "From: Pat <pat@example.com>\r\nTo: help@example.com\r\nSubject: Phones down\r\n"
            + "\r\nAll phones are down.\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void copiesDeliveredThroughDifferentServersHashTheSame() {
        String first = "Return-Path: <pat@example.com>\r\nReceived: from mx1.example.net by a.example.com\r\n"
                + "\tfor <help@example.com>; Wed, 25 Nov 2026 10:00:00 -0500\r\nDelivered-To: help@example.com\r\n" + MAIL;
        String second = "Received: from mx2.example.net by b.example.com; Wed, 25 Nov 2026 10:00:03 -0500\r\n"
                + "X-Original-To: support@example.com\r\n" + MAIL;
        assertThat(ContentHash.of(bytes(first))).isEqualTo(ContentHash.of(bytes(second)))
                .isEqualTo(ContentHash.of(bytes(MAIL)));
    }

    @Test
    void anyChangeBySenderGivesAnotherHash() {
        assertThat(ContentHash.of(bytes(MAIL))).isNotEqualTo(ContentHash.of(bytes(MAIL.replace("down", "up"))))
                .isNotEqualTo(ContentHash.of(bytes(MAIL.replace("Phones down", "Phones"))));
    }

    @Test
    void aMailWithoutHeadersOrBodyStillHashes() {
        assertThat(ContentHash.of(new byte[0])).startsWith("sha256:");
        assertThat(ContentHash.of(bytes("no headers at all"))).startsWith("sha256:");
    }
}
