package io.intake.core.attachment;

import io.intake.core.IntakeException;
import io.intake.core.InvalidFieldException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
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
 * Content-addressed files under one folder ({@code <data-dir>/attachments/ab/cd/abcd…}): streamed to a temporary file
 * while hashing, forced to disk, then moved into place atomically, so a reader never sees half a file and the same
 * bytes are kept once. Safe for several threads and processes sharing the folder.
 */
public final class FileAttachmentStore implements AttachmentStore {

    private static final Pattern REF = Pattern.compile("sha256:([0-9a-f]{64})");

    private final Path root;
    private final Path incoming;

    public FileAttachmentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve("incoming");
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new IntakeException("cannot create the attachment folder " + this.root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public Stored store(InputStream content, long maxBytes) {
        MessageDigest sha = sha256();
        Path temp = null;
        try {
            temp = Files.createTempFile(incoming, "upload-", ".part");
            long size = 0;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer)) > 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new AttachmentTooLargeException(maxBytes);
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
                out.flush();
                channel.force(true);
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            Path target = path(hex);
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    // another store of the same bytes won the race: same content, keep theirs
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IntakeException("the attachment folder " + root + " does not support atomic moves", e);
                }
            }
            return new Stored("sha256:" + hex, size);
        } catch (IOException e) {
            throw new IntakeException("cannot store an attachment in " + root + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
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

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover .part file in incoming/ is harmless and never read
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
