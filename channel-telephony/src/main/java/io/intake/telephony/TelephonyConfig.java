package io.intake.telephony;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The telephony channel's configuration, under {@code intake.telephony.}. Every section has defaults
 * ({@link #DEFAULTS}); a section that is switched off (AGI port 0, no AMI host, no call-out destination) does nothing.
 * Each record validates itself and lists every problem at once, naming the property.
 *
 * @param agi     the FastAGI IVR
 * @param ami     the manager connection used by the registration monitor and call-outs
 * @param monitor the registration monitor
 * @param callOut call-outs to on-call for CRITICAL tickets
 */
public record TelephonyConfig(Agi agi, Ami ami, Monitor monitor, CallOut callOut) {

    public static final String PREFIX = "intake.telephony.";

    /** IVR on 127.0.0.1:4573; no AMI, so no monitor and no call-outs. */
    public static final TelephonyConfig DEFAULTS = new TelephonyConfig(Agi.DEFAULTS, Ami.OFF, Monitor.DEFAULTS, CallOut.OFF);

    public TelephonyConfig {
        List<String> problems = new ArrayList<>();
        require(problems, agi, "agi");
        require(problems, ami, "ami");
        require(problems, monitor, "monitor");
        require(problems, callOut, "call-out");
        if (monitor != null && ami != null && monitor.inventory() != null && !ami.enabled()) {
            problems.add(PREFIX + "ami.host: required when " + PREFIX + "monitor.inventory is set (the monitor listens on AMI)");
        }
        if (callOut != null && ami != null && callOut.enabled() && !ami.enabled()) {
            problems.add(PREFIX + "ami.host: required when " + PREFIX + "call-out.destination is set (call-outs use AMI Originate)");
        }
        if (!problems.isEmpty()) {
            throw new TelephonyConfigException(problems);
        }
    }

    public TelephonyConfig withAgi(Agi agi) {
        return new TelephonyConfig(agi, ami, monitor, callOut);
    }

    public TelephonyConfig withAmi(Ami ami) {
        return new TelephonyConfig(agi, ami, monitor, callOut);
    }

    public TelephonyConfig withMonitor(Monitor monitor) {
        return new TelephonyConfig(agi, ami, monitor, callOut);
    }

    public TelephonyConfig withCallOut(CallOut callOut) {
        return new TelephonyConfig(agi, ami, monitor, callOut);
    }

    /**
     * The FastAGI IVR, served at {@code agi://bind:port/ivr}.
     *
     * @param bind               address to listen on ({@code intake.telephony.agi.bind}, default 127.0.0.1)
     * @param port               port to listen on ({@code intake.telephony.agi.port}, default 4573; 0 turns the IVR off)
     * @param prompts            what the IVR plays
     * @param recordingDirectory where Asterisk writes recordings, on the PBX's disk (default /var/spool/asterisk/intake)
     * @param recordingFormat    the recording format (default wav)
     * @param maxRecording       the longest description a caller may record (default 2 minutes)
     * @param recordingSilence   silence that ends a recording (default 5 s; zero for none)
     * @param digitTimeout       how long to wait for a menu choice or a number (default 8 s)
     * @param maxTries           bad or missing answers before the call continues without them (default 3)
     * @param onCallTransfer     Dial string of on-call for CRITICAL callers (e.g. PJSIP/oncall); null for no transfer
     * @param maxCalls           concurrent calls served (default 200)
     */
    public record Agi(String bind, int port, Prompts prompts, String recordingDirectory, String recordingFormat,
                      Duration maxRecording, Duration recordingSilence, Duration digitTimeout, int maxTries,
                      String onCallTransfer, int maxCalls) {

        public static final Agi DEFAULTS = new Agi("127.0.0.1", 4573, Prompts.DEFAULTS, "/var/spool/asterisk/intake",
                "wav", Duration.ofMinutes(2), Duration.ofSeconds(5), Duration.ofSeconds(8), 3, null, 200);

        public Agi {
            List<String> problems = new ArrayList<>();
            String p = PREFIX + "agi.";
            if (bind == null || bind.isBlank()) {
                problems.add(p + "bind: required, an address such as 127.0.0.1 or 0.0.0.0");
            }
            if (port < 0 || port > 65535) {
                problems.add(p + "port: " + port + " is not a port; allowed 1-65535, or 0 to turn the IVR off");
            }
            if (prompts == null) {
                problems.add(p + "prompts: required");
            }
            if (recordingDirectory == null || !recordingDirectory.startsWith("/") || recordingDirectory.contains("..")
                    || recordingDirectory.matches(".*[\\s\"].*")) {
                problems.add(p + "recording-directory: '" + recordingDirectory + "' must be an absolute path on the PBX"
                        + " without spaces, quotes or '..'");
            }
            if (recordingFormat == null || !recordingFormat.matches("[a-z0-9]{2,10}")) {
                problems.add(p + "recording-format: '" + recordingFormat + "' is not a format; e.g. wav, gsm, ulaw");
            }
            ConfigChecks.between(problems, p + "max-recording", maxRecording, Duration.ofSeconds(5), Duration.ofMinutes(30));
            ConfigChecks.between(problems, p + "recording-silence", recordingSilence, Duration.ZERO, Duration.ofMinutes(1));
            ConfigChecks.between(problems, p + "digit-timeout", digitTimeout, Duration.ofSeconds(1), Duration.ofMinutes(1));
            if (maxTries < 1 || maxTries > 10) {
                problems.add(p + "max-tries: " + maxTries + " is not allowed; 1-10");
            }
            if (onCallTransfer != null && (onCallTransfer.isBlank() || onCallTransfer.matches(".*[\\s,|\"].*"))) {
                problems.add(p + "on-call-transfer: '" + onCallTransfer + "' is not a Dial string such as PJSIP/oncall"
                        + " (no spaces, commas, | or quotes); leave it unset for no transfer");
            }
            if (maxCalls < 1 || maxCalls > 5000) {
                problems.add(p + "max-calls: " + maxCalls + " is not allowed; 1-5000");
            }
            if (!problems.isEmpty()) {
                throw new TelephonyConfigException(problems);
            }
        }

        public boolean enabled() {
            return port != 0;
        }

        public Agi withPort(int port) {
            return new Agi(bind, port, prompts, recordingDirectory, recordingFormat, maxRecording, recordingSilence,
                    digitTimeout, maxTries, onCallTransfer, maxCalls);
        }

        public Agi withOnCallTransfer(String destination) {
            return new Agi(bind, port, prompts, recordingDirectory, recordingFormat, maxRecording, recordingSilence,
                    digitTimeout, maxTries, destination, maxCalls);
        }

        public Agi withDigitTimeout(Duration timeout) {
            return new Agi(bind, port, prompts, recordingDirectory, recordingFormat, maxRecording, recordingSilence,
                    timeout, maxTries, onCallTransfer, maxCalls);
        }
    }

    /**
     * The Asterisk manager interface connection.
     *
     * @param host             the PBX's AMI host ({@code intake.telephony.ami.host}); null turns AMI off
     * @param port             AMI port (default 5038)
     * @param username         manager.conf user
     * @param password         manager.conf secret; never logged, masked in {@link #toString()}
     * @param reconnectInitial the first wait after a lost connection or a failed login (default 1 s)
     * @param reconnectMax     the longest wait; waits double up to it (default 60 s)
     * @param actionTimeout    how long to wait for an action's response (default 10 s)
     */
    public record Ami(String host, int port, String username, String password, Duration reconnectInitial,
                      Duration reconnectMax, Duration actionTimeout) {

        public static final Ami OFF = new Ami(null, 5038, null, null, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(10));

        public Ami {
            List<String> problems = new ArrayList<>();
            String p = PREFIX + "ami.";
            if (port < 1 || port > 65535) {
                problems.add(p + "port: " + port + " is not a port; allowed 1-65535");
            }
            if (host != null && (username == null || username.isBlank() || username.matches(".*[\\r\\n].*"))) {
                problems.add(p + "username: required when " + p + "host is set (a manager.conf user, one line)");
            }
            if (host != null && (password == null || password.isEmpty() || password.matches("(?s).*[\\r\\n].*"))) {
                problems.add(p + "password: required when " + p + "host is set (the manager.conf secret, one line)");
            }
            ConfigChecks.between(problems, p + "reconnect-initial", reconnectInitial, Duration.ofMillis(10), Duration.ofMinutes(10));
            ConfigChecks.between(problems, p + "reconnect-max", reconnectMax, Duration.ofMillis(10), Duration.ofHours(1));
            if (reconnectInitial != null && reconnectMax != null && reconnectMax.compareTo(reconnectInitial) < 0) {
                problems.add(p + "reconnect-max: must not be shorter than " + p + "reconnect-initial");
            }
            ConfigChecks.between(problems, p + "action-timeout", actionTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
            if (!problems.isEmpty()) {
                throw new TelephonyConfigException(problems);
            }
        }

        public static Ami of(String host, int port, String username, String password) {
            return new Ami(host, port, username, password, OFF.reconnectInitial, OFF.reconnectMax, OFF.actionTimeout);
        }

        public Ami withReconnect(Duration initial, Duration max) {
            return new Ami(host, port, username, password, initial, max, actionTimeout);
        }

        public boolean enabled() {
            return host != null && !host.isBlank();
        }

        @Override
        public String toString() {
            return "Ami[host=" + host + ", port=" + port + ", username=" + username + ", password=" + (password == null ? "null" : "******")
                    + ", reconnectInitial=" + reconnectInitial + ", reconnectMax=" + reconnectMax + ", actionTimeout=" + actionTimeout + "]";
        }
    }

    /**
     * The registration monitor.
     *
     * @param inventory     the inventory file (endpoints to sites to customers and monitoring windows); null turns
     *                      the monitor off
     * @param debounce      how long a phone must stay offline (or back online) before it counts (default 120 s)
     * @param evaluateEvery how often debounced state is re-evaluated (default 1 s)
     */
    public record Monitor(Path inventory, Duration debounce, Duration evaluateEvery) {

        public static final Monitor DEFAULTS = new Monitor(null, Duration.ofSeconds(120), Duration.ofSeconds(1));

        public Monitor {
            List<String> problems = new ArrayList<>();
            ConfigChecks.between(problems, PREFIX + "monitor.debounce", debounce, Duration.ZERO, Duration.ofHours(24));
            ConfigChecks.between(problems, PREFIX + "monitor.evaluate-every", evaluateEvery, Duration.ofMillis(10), Duration.ofMinutes(10));
            if (!problems.isEmpty()) {
                throw new TelephonyConfigException(problems);
            }
        }

        public static Monitor of(Path inventory, Duration debounce) {
            return new Monitor(inventory, debounce, DEFAULTS.evaluateEvery);
        }
    }

    /**
     * Call-outs: for a CRITICAL incident, AMI Originate to on-call, whose answered call runs the {@code callout}
     * AGI script and hears the ticket number.
     *
     * @param destination the channel to call (e.g. {@code PJSIP/oncall} or {@code Local/5551234@outbound}); null
     *                    turns call-outs off
     * @param agiUrl      how Asterisk reaches this gateway's FastAGI server (e.g. {@code agi://10.0.0.5:4573})
     * @param callerId    caller id shown to on-call (default {@code "Intake" <0>})
     * @param attempts    originate attempts before giving up (default 3)
     * @param retryDelay  wait between attempts (default 60 s)
     * @param ringTimeout how long on-call's phone rings (default 30 s)
     */
    public record CallOut(String destination, String agiUrl, String callerId, int attempts, Duration retryDelay,
                          Duration ringTimeout) {

        public static final CallOut OFF = new CallOut(null, "agi://127.0.0.1:4573", "\"Intake\" <0>", 3,
                Duration.ofSeconds(60), Duration.ofSeconds(30));

        public CallOut {
            List<String> problems = new ArrayList<>();
            String p = PREFIX + "call-out.";
            if (destination != null && (destination.isBlank() || destination.matches(".*[\\s,|\"].*"))) {
                problems.add(p + "destination: '" + destination + "' is not a channel such as PJSIP/oncall");
            }
            if (agiUrl == null || !agiUrl.matches("agi://[A-Za-z0-9.:\\[\\]-]+")) {
                problems.add(p + "agi-url: '" + agiUrl + "' is not agi://HOST:PORT (how Asterisk reaches this gateway)");
            }
            if (callerId == null || callerId.matches("(?s).*[\\r\\n].*")) {
                problems.add(p + "caller-id: required, one line such as \"Intake\" <0>");
            }
            if (attempts < 1 || attempts > 10) {
                problems.add(p + "attempts: " + attempts + " is not allowed; 1-10");
            }
            ConfigChecks.between(problems, p + "retry-delay", retryDelay, Duration.ZERO, Duration.ofHours(1));
            ConfigChecks.between(problems, p + "ring-timeout", ringTimeout, Duration.ofSeconds(1), Duration.ofMinutes(5));
            if (!problems.isEmpty()) {
                throw new TelephonyConfigException(problems);
            }
        }

        public static CallOut to(String destination, String agiUrl) {
            return new CallOut(destination, agiUrl, OFF.callerId, OFF.attempts, OFF.retryDelay, OFF.ringTimeout);
        }

        public CallOut withRetry(int attempts, Duration retryDelay) {
            return new CallOut(destination, agiUrl, callerId, attempts, retryDelay, ringTimeout);
        }

        public boolean enabled() {
            return destination != null;
        }
    }

    private static void require(List<String> problems, Object section, String name) {
        if (section == null) {
            problems.add(PREFIX + name + ": required (use the section's DEFAULTS or OFF constant)");
        }
    }
}
