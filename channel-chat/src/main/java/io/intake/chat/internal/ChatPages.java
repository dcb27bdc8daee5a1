package io.intake.chat.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.intake.chat.ChatService;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The chat's HTTP side: the status for widgets, the demo page and the agent console (static files under /chat/). */
@Controller
public class ChatPages {

    private final ChatService chat;

    public ChatPages(ChatService chat) {
        this.chat = chat;
    }

    @GetMapping(value = "/chat/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<String> status() throws JsonProcessingException {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(ChatMessaging.JSON.writeValueAsString(chat.status()));
    }

    @GetMapping("/chat/demo")
    public String demo() {
        return "forward:/chat/demo.html";
    }

    @GetMapping("/chat/agent")
    public String agent() {
        return "forward:/chat/agent.html";
    }
}
