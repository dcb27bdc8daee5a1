package io.intake.web.internal;

import io.intake.web.AttachmentStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A content-addressed attachment store in a folder: each file is named by the SHA-256 of its bytes
 * ({@code ab/cd/abcd...}), written to a temporary file, forced to disk and moved into place atomically, so a reader
 * never sees half a file and the same bytes are kept once.
 */
public final class FileAttachmentStore implements AttachmentStore {

    private static final Pattern REF = Pattern.compile("sha256:([0-9a-f]{64})");

    private final Path root;
    private final Path incoming;

    public FileAttachmentStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve("incoming");
        Files.createDirectories(incoming);
    }

    @Override
    public Stored store(InputStream content, long maxBytes) throws IOException {
        MessageDigest sha = sha256();
        Path temp = Files.createTempFile(incoming, "upload-", ".part");
        long size = 0;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer)) > 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new IOException("attachment is larger than " + maxBytes + " bytes");
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
                out.flush();
                channel.force(true);
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            Path target = pathOf(hex);
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    // another upload of the same bytes won the race: same content, keep theirs
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the attachment folder " + root + " does not support atomic moves", e);
                }
            }
            return new Stored("sha256:" + hex, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<InputStream> open(String contentRef) throws IOException {
        var m = contentRef == null ? null : REF.matcher(contentRef);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        Path path = pathOf(m.group(1));
        return Files.isRegularFile(path) ? Optional.of(Files.newInputStream(path)) : Optional.empty();
    }

    public Path root() {
        return root;
    }

    private Path pathOf(String hex) {
        return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
