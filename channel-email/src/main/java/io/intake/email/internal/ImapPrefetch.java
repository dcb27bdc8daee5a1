package io.intake.email.internal;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import org.apache.camel.component.mail.DefaultMailUidGenerator;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailUidGenerator;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * The key camel-mail gives each polled message, made cheap for IMAP. camel-mail asks for a key, then for the flags,
 * of every message one at a time: two round trips per message before any is processed. For IMAP this fetches UID and
 * FLAGS for the next {@value #WINDOW} messages in one command (Angus keeps them on its cached message objects) and
 * answers {@code uid:<UID>}, unique and stable in the folder; small messages are fetched whole in the same way. POP3 keeps camel-mail's Message-ID based key, which its
 * idempotent repository needs across polls. Used by one consumer thread.
 */
public final class ImapPrefetch implements MailUidGenerator {

    static final int WINDOW = MailboxRoutes.MAX_MESSAGES_PER_POLL;
    /** Messages up to this size are prefetched whole, together, up to {@link #BODY_BUDGET} bytes per poll. */
    static final long MAX_PREFETCHED_MESSAGE = 256 * 1024;
    static final long BODY_BUDGET = 16L << 20;

    private final MailUidGenerator fallback = new DefaultMailUidGenerator();
    private Folder folder;
    private int fetchedUpTo;
    private int lastNumber;
    private long bodyBytes;

    /**
     * Small messages are fetched whole in one command (with {@code mail.imap.peek=true}, so without setting \\Seen);
     * Angus keeps them on the message objects until the folder closes at the end of the poll.
     */
    private void prefetchBodies(IMAPFolder imap, Message[] window) throws MessagingException {
        java.util.List<Message> small = new java.util.ArrayList<>();
        for (Message m : window) {
            long size = m.getSize();
            if (size >= 0 && size <= MAX_PREFETCHED_MESSAGE && bodyBytes + size <= BODY_BUDGET) {
                small.add(m);
                bodyBytes += size;
            }
        }
        if (!small.isEmpty()) {
            FetchProfile bodies = new FetchProfile();
            bodies.add(IMAPFolder.FetchProfileItem.MESSAGE);
            imap.fetch(small.toArray(new Message[0]), bodies);
        }
    }

    @Override
    public String generateUuid(MailEndpoint endpoint, Message message) {
        if (!(message.getFolder() instanceof IMAPFolder imap)) {
            return fallback.generateUuid(endpoint, message);
        }
        try {
            int number = message.getMessageNumber();
            // a poll asks in ascending order; a number not above the last one means a new poll (new message objects)
            if (imap != folder || number > fetchedUpTo || number <= lastNumber) {
                int end = Math.min(number + WINDOW - 1, imap.getMessageCount());
                if (number <= lastNumber || imap != folder) {
                    bodyBytes = 0;
                }
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.FLAGS);
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add(IMAPFolder.FetchProfileItem.SIZE);
                Message[] window = imap.getMessages(number, end);
                imap.fetch(window, profile);
                prefetchBodies(imap, window);
                folder = imap;
                fetchedUpTo = end;
            }
            lastNumber = number;
            return "uid:" + imap.getUID(message);
        } catch (MessagingException | IndexOutOfBoundsException e) {
            return fallback.generateUuid(endpoint, message);
        }
    }
}
