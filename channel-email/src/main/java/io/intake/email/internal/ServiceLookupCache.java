package io.intake.email.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * jakarta.mail-api 2.1 looks up its {@code StreamProvider} with a {@link java.util.ServiceLoader} on every
 * {@code BodyPart}, {@code Multipart} and {@code InternetHeaders} it creates, via the thread's context class loader;
 * each lookup scans every jar on the class path and dominated parsing time. While the normaliser runs, this class
 * puts a context class loader in place that delegates everything to the normaliser's own loader but answers
 * {@code META-INF/services/*} lookups from memory after the first time. Nothing global is changed: the previous
 * context class loader is restored afterwards.
 */
public final class ServiceLookupCache extends ClassLoader {

    private static final String SERVICES = "META-INF/services/";
    private static final ServiceLookupCache INSTANCE = new ServiceLookupCache(ServiceLookupCache.class.getClassLoader());

    private final Map<String, List<URL>> cached = new ConcurrentHashMap<>();

    private ServiceLookupCache(ClassLoader parent) {
        super("intake-email-service-cache", parent);
    }

    /** Runs {@code work} with the caching loader as the thread's context class loader. */
    public static <T> T around(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(INSTANCE);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (!name.startsWith(SERVICES)) {
            return super.getResources(name);
        }
        try {
            return Collections.enumeration(cached.computeIfAbsent(name, this::inMemoryCopies));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private List<URL> inMemoryCopies(String name) {
        try {
            List<URL> copies = new ArrayList<>();
            Enumeration<URL> found = getParent().getResources(name);
            int n = 0;
            while (found.hasMoreElements()) {
                byte[] content;
                try (InputStream in = found.nextElement().openStream()) {
                    content = in.readAllBytes();
                }
                copies.add(new URL("memory", null, -1, "/" + (n++) + "/" + name, new BytesHandler(content)));
            }
            return List.copyOf(copies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class BytesHandler extends URLStreamHandler {
        private final byte[] content;

        BytesHandler(byte[] content) {
            this.content = content;
        }

        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(content);
                }
            };
        }
    }
}
