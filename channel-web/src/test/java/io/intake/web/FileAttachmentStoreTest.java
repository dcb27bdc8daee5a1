package io.intake.web;

import io.intake.web.internal.FileAttachmentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileAttachmentStoreTest {

    @TempDir
    Path dir;

    @Test
    void namesContentByItsSha256AndKeepsTheSameBytesOnce() throws IOException {
        FileAttachmentStore store = new FileAttachmentStore(dir);
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        AttachmentStore.Stored a = store.store(new ByteArrayInputStream(bytes), 100);
        AttachmentStore.Stored b = store.store(new ByteArrayInputStream(bytes), 100);

        assertThat(a.contentRef()).isEqualTo("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(b).isEqualTo(a);
        assertThat(a.size()).isEqualTo(5);
        try (InputStream in = store.open(a.contentRef()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        try (var files = Files.list(dir.resolve("incoming"))) {
            assertThat(files).as("no temporary files are left behind").isEmpty();
        }
    }

    @Test
    void refusesContentOverTheLimitAndLeavesNothing() throws IOException {
        FileAttachmentStore store = new FileAttachmentStore(dir);
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(new byte[101]), 100)).isInstanceOf(IOException.class);
        try (var files = Files.list(dir.resolve("incoming"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void opensNothingForAReferenceThatIsNotAHash() throws IOException {
        FileAttachmentStore store = new FileAttachmentStore(dir);
        assertThat(store.open("sha256:../../etc/passwd")).isEmpty();
        assertThat(store.open("file:/etc/passwd")).isEmpty();
    }
}
