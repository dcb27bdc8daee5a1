-- The once-a-minute search for unfinished work looks only at chats active in the last days: without this index it
-- read the whole table, which only grows.
CREATE INDEX chat_session_activity ON chat_session (last_activity_at);
