-- The chat channel's own tables, in the gateway's database (history table intake_chat_schema_history).
-- Every message is committed before the client is told it was received; the ticket gets the messages later, in
-- transcript updates whose source reference names the message range, so a retried batch is never added twice.

CREATE TABLE chat_session (
    chat_id             VARCHAR(32)  PRIMARY KEY,
    token_hash          VARCHAR(64)  NOT NULL,
    name                VARCHAR(200) NOT NULL,
    email               VARCHAR(254) NOT NULL,
    account             VARCHAR(64)  NOT NULL,
    site                VARCHAR(200),
    address             VARCHAR(64),
    state               VARCHAR(16)  NOT NULL,
    agent               VARCHAR(200),
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_activity_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    continue_until      TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at            TIMESTAMP WITH TIME ZONE,
    ended_reason        VARCHAR(32),
    ticket_number       VARCHAR(20),
    severity            VARCHAR(16),
    response_due        TIMESTAMP WITH TIME ZONE,
    preview             VARCHAR(200),
    last_visitor_seq    INTEGER NOT NULL DEFAULT 0,
    last_id             INTEGER NOT NULL DEFAULT 0,
    transcript_upto     INTEGER NOT NULL DEFAULT 0,
    transcript_pending  INTEGER
);

CREATE INDEX chat_session_state ON chat_session (state, started_at);

CREATE TABLE chat_message (
    chat_id      VARCHAR(32)   NOT NULL,
    id           INTEGER       NOT NULL,
    author       VARCHAR(8)    NOT NULL,
    author_name  VARCHAR(200),
    visitor_seq  INTEGER,
    body         VARCHAR(8000) NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (chat_id, id)
);

CREATE UNIQUE INDEX chat_message_visitor_seq ON chat_message (chat_id, visitor_seq);
