package io.intake.email.internal;

import jakarta.activation.DataSource;
import jakarta.mail.util.SharedByteArrayInputStream;

import java.io.InputStream;
import java.io.OutputStream;

/** Bytes as a read-only DataSource; its stream is shared, so a multipart over it copies no part content. */
record BytesDataSource(byte[] bytes, String contentType) implements DataSource {

    @Override
    public InputStream getInputStream() {
        return new SharedByteArrayInputStream(bytes);
    }

    @Override
    public OutputStream getOutputStream() {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getName() {
        return "mime-part";
    }
}
