package io.intake.telephony.internal;

import java.io.IOException;

/** Asterisk refused the manager login (wrong user or secret, or not allowed from this address). */
final class AmiLoginFailed extends IOException {

    AmiLoginFailed(String message) {
        super(message);
    }
}
