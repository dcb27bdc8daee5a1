package io.intake.telephony.internal;

/** The caller is gone: an expected outcome of any step, not an error. No stack trace is filled in. */
final class CallerHungUp extends RuntimeException {

    CallerHungUp(String step) {
        super("caller hung up during " + step, null, false, false);
    }
}
