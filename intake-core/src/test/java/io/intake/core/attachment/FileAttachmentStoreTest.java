package io.intake.core.attachment;

import io.intake.core.InvalidFieldException;
import io.intake.core.ticket.Attachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileAttachmentStoreTest {

    @TempDir
    Path dir;

    @Test
    void storedContentReadsBackByItsReference() throws Exception {
        FileAttachmentStore store = new FileAttachmentStore(dir);
        String ref = store.put("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(ref).matches("sha256:[0-9a-f]{64}");
        try (InputStream in = store.open(ref)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void theSameBytesTwiceAreStoredOnce() throws Exception {
        FileAttachmentStore store = new FileAttachmentStore(dir);
        assertThat(store.put(new byte[]{1, 2, 3})).isEqualTo(store.put(new byte[]{1, 2, 3}));
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).as("one file, no temporary leftovers").hasSize(1);
        }
    }

    @Test
    void contentOverTheLimitIsRefusedAndLeavesNothing() throws Exception {
        FileAttachmentStore store = new FileAttachmentStore(dir);
        assertThatThrownBy(() -> store.store(new java.io.ByteArrayInputStream(new byte[101]), 100))
                .isInstanceOf(AttachmentTooLargeException.class).hasMessageContaining("100 bytes");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aKnownHashGivesAKnownReference() {
        AttachmentStore.Stored s = new FileAttachmentStore(dir).store(
                new java.io.ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), 100);
        assertThat(s.contentRef()).isEqualTo("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(s.size()).isEqualTo(5);
    }

    @Test
    void smallFilesAreAlsoCarriedInlineAndLargeOnesOnlyByReference() {
        FileAttachmentStore store = new FileAttachmentStore(dir);
        Attachment small = store.attach("note.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8), 4096);
        Attachment large = store.attach("big.bin", "application/octet-stream", new byte[10_000], 4096);
        assertThat(small.inlineData()).isEqualTo("aGk=");
        assertThat(large.inlineData()).isNull();
        assertThat(large.contentRef()).startsWith("sha256:");
        assertThat(large.size()).isEqualTo(10_000);
    }

    @Test
    void pathTraversalThroughAReferenceIsRefused() {
        FileAttachmentStore store = new FileAttachmentStore(dir);
        assertThatThrownBy(() -> store.open("sha256:../../etc/passwd")).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("content_ref");
    }
}
