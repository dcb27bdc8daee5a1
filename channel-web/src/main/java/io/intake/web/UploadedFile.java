package io.intake.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A file that came with a web submission, not yet stored.
 *
 * @param name        the file name the browser or client gave
 * @param contentType its declared MIME type, or null
 * @param size        its size in bytes
 * @param content     opens the bytes
 */
public record UploadedFile(String name, String contentType, long size, Content content) {

    public UploadedFile {
        Objects.requireNonNull(content, "content");
        name = name == null || name.isBlank() ? "attachment" : name;
        if (size < 0) {
            throw new IllegalArgumentException("size: must not be negative (was " + size + ")");
        }
    }

    /** Opens the file's bytes; may be called once. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }
}
