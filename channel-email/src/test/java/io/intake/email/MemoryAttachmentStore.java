package io.intake.email;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps attachment bytes in memory by SHA-256; fails for one chosen file name (a poison message's attachment). */
final class MemoryAttachmentStore implements AttachmentStore {

    final Map<String, byte[]> contents = new ConcurrentHashMap<>();
    private final String failFor;

    MemoryAttachmentStore() {
        this(null);
    }

    MemoryAttachmentStore(String failFor) {
        this.failFor = failFor;
    }

    @Override
    public String store(AttachmentContent content) {
        if (content.filename().equals(failFor)) {
            throw new IllegalStateException("attachment store cannot keep " + content.filename());
        }
        try {
            String ref = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.content()));
            contents.put(ref, content.content());
            return ref;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
