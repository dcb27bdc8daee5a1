package io.intake.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One call to the IVR as Asterisk places it over FastAGI: the AGI environment, then an answer to every command. The
 * caller chooses menu 2 (some phones or features), keys an account the directory does not know, records a
 * description ended with {@code #}, and listens. The call is acknowledged when the caller hears a ticket number, that
 * is when the IVR sends {@code SAY DIGITS}.
 */
final class FakeAsteriskCall {

    private FakeAsteriskCall() {
    }

    /** Places the call; answers the ticket number heard, or null when the caller heard none (refused, cut, failed). */
    static String place(int agiPort, String uniqueId) {
        try (Socket socket = new Socket("127.0.0.1", agiPort)) {
            socket.setSoTimeout(20_000);
            PrintStream out = new PrintStream(socket.getOutputStream(), false, StandardCharsets.US_ASCII);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line : List.of("agi_network: yes", "agi_network_script: ivr",
                    "agi_request: agi://127.0.0.1:" + agiPort + "/ivr", "agi_channel: PJSIP/site-b-201-" + uniqueId,
                    "agi_language: en", "agi_type: PJSIP", "agi_uniqueid: " + uniqueId, "agi_version: 22.10.1",
                    "agi_callerid: 5550142" + uniqueId.substring(uniqueId.length() - 3).replace('.', '0'),
                    "agi_calleridname: Fault Caller", "agi_context: intake", "agi_extension: 100", "agi_priority: 2",
                    "agi_accountcode: ", "")) {
                out.print(line + "\n");
            }
            out.flush();
            boolean menuChosen = false;
            String heard = null;
            for (String command = in.readLine(); command != null; command = in.readLine()) {
                if (command.startsWith("GET DATA")) {
                    out.print(menuChosen ? "200 result=99999\n" : "200 result=2\n");
                    menuChosen = true;
                } else if (command.startsWith("RECORD FILE")) {
                    out.print("200 result=35 (dtmf) endpos=24000\n");
                } else if (command.startsWith("SAY DIGITS")) {
                    heard = command.substring("SAY DIGITS".length()).strip().split("\\s+")[0].replace("\"", "");
                    out.print("200 result=0\n");
                } else if (command.startsWith("STREAM FILE") || command.startsWith("SAY NUMBER")) {
                    out.print("200 result=0 endpos=8000\n");
                } else if (command.startsWith("HANGUP")) {
                    out.print("200 result=1\n");
                    out.flush();
                    break;
                } else {
                    out.print("200 result=0\n");
                }
                out.flush();
            }
            return heard;
        } catch (IOException e) {
            return null;
        }
    }
}
