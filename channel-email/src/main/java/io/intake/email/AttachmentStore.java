package io.intake.email;

/** Keeps attachment bytes and answers a reference to them (for example {@code sha256:ab12…}). */
@FunctionalInterface
public interface AttachmentStore {

    /** Stores the content and returns its reference; failures are thrown (the mail is then retried). */
    String store(AttachmentContent content);
}
