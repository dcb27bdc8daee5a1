package io.intake.email;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;

/** Builds small raw mails for tests: header lines and a body joined with CRLF. */
final class Mails {

    private Mails() {
    }

    static byte[] mail(String headersAndBody) {
        return headersAndBody.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Headers in ASCII followed by a body encoded in {@code charset}. */
    static byte[] mail(String headers, String body, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(mail(headers.strip() + "\n\n"));
        out.writeBytes(body.getBytes(charset));
        return out.toByteArray();
    }

    static NormalisedMail normalise(String raw) {
        return new MailNormaliser().normalise(mail(raw));
    }
}
