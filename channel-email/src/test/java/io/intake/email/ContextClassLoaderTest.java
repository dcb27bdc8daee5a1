package io.intake.email;

import org.junit.jupiter.api.Test;

import static io.intake.email.Mails.mail;
import static org.assertj.core.api.Assertions.assertThat;

class ContextClassLoaderTest {

    @Test
    void normalisingRestoresTheCallersContextClassLoader() {
        ClassLoader mine = new ClassLoader(getClass().getClassLoader()) { };
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(mine);
        try {
            new MailNormaliser().normalise(mail("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--\n"));
            new MailNormaliser().normalise((byte[]) null);
            assertThat(thread.getContextClassLoader()).isSameAs(mine);
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
