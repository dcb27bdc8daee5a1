package io.intake.core.attachment;

import io.intake.core.IntakeException;
import io.intake.core.InvalidFieldException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content-addressed files under one folder ({@code <data-dir>/attachments/ab/cd/abcd…}): written to a temporary file,
 * forced to disk, then moved into place atomically, so a crash never leaves a half-written attachment under a valid
 * name. Safe for several threads and processes sharing the folder.
 */
public final class FileAttachmentStore implements AttachmentStore {

    private static final Pattern REF = Pattern.compile("sha256:([0-9a-f]{64})");

    private final Path root;

    public FileAttachmentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new IntakeException("cannot create the attachment folder " + this.root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String put(byte[] content) {
        String hex = sha256(content);
        Path target = path(hex);
        if (Files.exists(target)) {
            return "sha256:" + hex;
        }
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), hex.substring(0, 8), ".part");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return "sha256:" + hex;
        } catch (IOException e) {
            throw new IntakeException("cannot store attachment sha256:" + hex + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String contentRef) {
        var m = contentRef == null ? null : REF.matcher(contentRef);
        if (m == null || !m.matches()) {
            throw new InvalidFieldException("content_ref", "'" + contentRef + "' is not a reference of this store (sha256:<64 hex>)");
        }
        try {
            return Files.newInputStream(path(m.group(1)));
        } catch (NoSuchFileException e) {
            throw new IntakeException("attachment " + contentRef + " is not in the store " + root, e);
        } catch (IOException e) {
            throw new IntakeException("cannot read attachment " + contentRef + ": " + e.getMessage(), e);
        }
    }

    private Path path(String hex) {
        return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
