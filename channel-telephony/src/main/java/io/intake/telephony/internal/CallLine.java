package io.intake.telephony.internal;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiNetworkException;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.RecordFileCommand;
import org.asteriskjava.fastagi.command.SayDigitsCommand;
import org.asteriskjava.fastagi.command.SayNumberCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AGI commands the IVR uses, with Asterisk 22's hang-up signals turned into {@link CallerHungUp}: a
 * {@code result=-1} from GET DATA, WAIT FOR DIGIT or RECORD FILE, a {@code 511} on a dead channel (which Asterisk-Java
 * reports as {@link AgiHangupException}, also on EOF; a broken socket after {@code AGIEXITONHANGUP} counts too), and the asynchronous {@code HANGUP} line (skipped by the reader).
 * STREAM FILE's {@code result=-1} is not trusted alone: a missing prompt answers it too ({@code endpos=0}), so the call
 * continues and the next command tells.
 */
final class CallLine {

    private static final Logger log = LoggerFactory.getLogger(CallLine.class);

    private final AgiChannel channel;
    private String step = "answer";
    private int commands;

    CallLine(AgiChannel channel) {
        this.channel = channel;
    }

    /** Names the current step, for the ticket ({@code ivr.step}) and the log. */
    void step(String step) {
        this.step = step;
    }

    String step() {
        return step;
    }

    int commands() {
        return commands;
    }

    void answer() {
        send(new AnswerCommand());
    }

    /** Plays a prompt (several joined by {@code &}; {@code n:15} says a number); a digit in {@code escape} stops it. */
    char play(String prompt, String escape) {
        for (String part : prompt.split("&")) {
            AgiReply reply = part.startsWith("n:") ? send(new SayNumberCommand(part.substring(2), escape))
                    : send(new StreamFileCommand(part, escape));
            int code = reply.getResultCode();
            if (code == -1) {
                log.debug("Prompt {} did not play (missing file, or the caller is gone)", part);
            } else if (code > 0) {
                return (char) code;
            }
        }
        return 0;
    }

    /** GET DATA: the digits before {@code #} or the timeout; {@link Digits#NONE} when nothing was pressed. */
    Digits read(String prompt, long timeoutMillis, int maxDigits) {
        AgiReply reply = send(new GetDataCommand(prompt, timeoutMillis, maxDigits));
        String result = reply.getResult();
        String extra = reply.getExtra();
        if ("-1".equals(result) && extra == null) {
            throw new CallerHungUp(step);
        }
        if (result == null || result.isEmpty()) {
            return Digits.NONE;
        }
        return new Digits(result, "timeout".equals(extra));
    }

    void sayDigits(String digits) {
        send(new SayDigitsCommand(digits));
    }

    /** RECORD FILE with a beep, ended by {@code #}; answers true when the caller finished with {@code #}. */
    boolean record(String path, String format, long maxMillis, int silenceSeconds) {
        AgiReply reply = send(new RecordFileCommand(path, format, "#", (int) maxMillis, 0, true, silenceSeconds));
        if (reply.getResultCode() == -1) {
            throw new CallerHungUp(step);
        }
        return reply.getResultCode() == '#';
    }

    void setVariable(String name, String value) {
        send(new SetVariableCommand(name, value));
    }

    /** EXEC an application; answers its result (-2 when Asterisk does not know the application). */
    int exec(String application, String options) {
        return send(new ExecCommand(application, options)).getResultCode();
    }

    /** Hangs up; a caller who is already gone is fine. */
    void hangup() {
        try {
            send(new HangupCommand());
        } catch (CallerHungUp e) {
            log.trace("Hang-up after the caller left");
        }
    }

    private AgiReply send(AgiCommand command) {
        commands++;
        try {
            return channel.sendCommand(command);
        } catch (AgiHangupException | AgiNetworkException e) {
            throw new CallerHungUp(step);
        } catch (AgiException e) {
            throw new AgiFailure(step, command.buildCommand(), e);
        }
    }

    /** What GET DATA answered. */
    record Digits(String value, boolean timedOut) {
        static final Digits NONE = new Digits("", true);

        boolean isEmpty() {
            return value.isEmpty();
        }
    }

    /** Asterisk refused a command (510/520) or the connection broke; the call cannot go on. */
    static final class AgiFailure extends RuntimeException {
        AgiFailure(String step, String command, AgiException cause) {
            super("AGI command failed during " + step + ": " + command.strip(), cause);
        }
    }
}
