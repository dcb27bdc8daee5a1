package io.intake.email.internal;

import io.intake.email.MailAttachment;
import org.apache.poi.hmef.Attachment;
import org.apache.poi.hmef.HMEFMessage;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Unpacks the files inside an Outlook TNEF {@code winmail.dat} (application/ms-tnef) with Apache POI's HMEF. The
 * winmail.dat itself is kept as well, so nothing is lost when POI cannot read it.
 */
final class Tnef {

    /** A TNEF stream is read only this far into; larger ones stay a plain attachment. */
    private static final int MAX_TNEF_BYTES = 64 * 1024 * 1024;

    private Tnef() {
    }

    static boolean isTnef(MailAttachment attachment) {
        return attachment.contentType().equals("application/ms-tnef") || attachment.contentType().equals("application/vnd.ms-tnef")
                || attachment.filename().toLowerCase(Locale.ROOT).equals("winmail.dat");
    }

    static void extract(MailAttachment tnef, Consumer<MailAttachment> files, Consumer<String> notes) {
        if (tnef.size() > MAX_TNEF_BYTES) {
            return;
        }
        try {
            HMEFMessage message = new HMEFMessage(new ByteArrayInputStream(tnef.content()));
            int n = 0;
            for (Attachment attachment : message.getAttachments()) {
                n++;
                byte[] content = attachment.getContents();
                if (content == null) {
                    continue;
                }
                String name = attachment.getLongFilename() != null ? attachment.getLongFilename() : attachment.getFilename();
                String original = name;
                if (name == null || name.isBlank()) {
                    name = "winmail-" + n + ".bin";
                }
                files.accept(new MailAttachment(name, original, PartNames.typeFor(name), MailAttachment.Kind.FROM_TNEF, null, content));
            }
        } catch (Exception | LinkageError e) { // POI signals bad TNEF with a variety of runtime exceptions
            notes.accept("winmail.dat (TNEF) could not be unpacked (" + e.getClass().getSimpleName() + "); it is kept as an attachment");
        }
    }
}
