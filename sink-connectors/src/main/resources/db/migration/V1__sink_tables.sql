-- The tables the Kafka Connect JDBC sink writes (one connector per table; see src/main/connect/connectors).
--
-- Owned by Flyway, not by the sink (its schema.evolution is none): a new Avro field needs a migration adding its
-- column BEFORE the producer ships it, or the sink stops on the unknown column.
--
-- Columns are the Avro field names in snake_case (the connectors rename fields with Debezium's
-- FieldNameTransformation, column.naming.style=snake_case), unquoted. Primary keys are the Kafka record keys.
-- Money is exact: whole coins are BIGINT (integers in the Avro contract), hundredths are NUMERIC(18,2), rates and
-- percentages keep the scale of their Avro decimal. Never a float. Enum values are TEXT without CHECK constraints,
-- so a symbol added to an Avro enum cannot stop the sink. Instants are TIMESTAMPTZ.

-- call-history topic (CallRecord, keyed by callId; compacted; the rating updates the row).
CREATE TABLE call_history (
    call_id                    TEXT           PRIMARY KEY,
    caller_id                  TEXT           NOT NULL,
    receiver_id                TEXT           NOT NULL,
    call_type                  TEXT           NOT NULL,
    status                     TEXT           NOT NULL,
    duration                   BIGINT         NOT NULL,
    reported_duration          BIGINT         NOT NULL,
    measured_duration          BIGINT,
    billable_duration          BIGINT         NOT NULL,
    female_earning_per_minute  NUMERIC(14,4)  NOT NULL,
    platform_margin_per_minute NUMERIC(14,4)  NOT NULL,
    female_earning_per_second  NUMERIC(18,8)  NOT NULL,
    platform_margin_per_second NUMERIC(18,8)  NOT NULL,
    total_coins                BIGINT         NOT NULL,
    female_earning             BIGINT         NOT NULL,
    platform_margin            BIGINT         NOT NULL,
    admin_earned               NUMERIC(18,2)  NOT NULL,
    agency_earned              NUMERIC(18,2)  NOT NULL,
    admin_share_percentage     NUMERIC(7,4)   NOT NULL,
    agency_share_percentage    NUMERIC(7,4)   NOT NULL,
    is_agency_female           BOOLEAN        NOT NULL,
    agency_id                  TEXT,
    ended_by                   TEXT,
    started_at                 TIMESTAMPTZ    NOT NULL,
    ended_at                   TIMESTAMPTZ    NOT NULL,
    error_message              TEXT,
    rating_stars               INTEGER,
    rating_message             TEXT,
    rated_by                   TEXT,
    rated_at                   TIMESTAMPTZ
);

-- History pages: a caller's (or a receiver's) calls, newest first; call_id breaks ties so paging is stable.
CREATE INDEX call_history_caller_history_idx ON call_history (caller_id, ended_at DESC, call_id DESC);
CREATE INDEX call_history_receiver_history_idx ON call_history (receiver_id, ended_at DESC, call_id DESC);
-- Stats: totals of a party's calls in one status (completed).
CREATE INDEX call_history_caller_status_idx ON call_history (caller_id, status);
CREATE INDEX call_history_receiver_status_idx ON call_history (receiver_id, status);

-- ledger topic (LedgerEntry, keyed by entryId): every movement on every account; a settlement's entries sum to zero.
CREATE TABLE ledger_entries (
    entry_id       TEXT           PRIMARY KEY,
    user_type      TEXT           NOT NULL,
    user_id        TEXT           NOT NULL,
    account_key    TEXT           NOT NULL,
    operation_type TEXT           NOT NULL,
    action         TEXT           NOT NULL,
    amount         NUMERIC(18,2)  NOT NULL,
    earning_type   TEXT,
    message        TEXT           NOT NULL,
    balance_after  NUMERIC(18,2)  NOT NULL,
    created_by     TEXT           NOT NULL,
    related_id     TEXT,
    related_model  TEXT,
    created_at     TIMESTAMPTZ    NOT NULL
);

-- An account's statement, newest first.
CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_key, created_at DESC);
-- The entries of one call (or one top-up), e.g. to check that they balance.
CREATE INDEX ledger_entries_related_idx ON ledger_entries (related_id);

-- active-calls topic (ActiveCall, keyed by callerId; a tombstone when the call ends deletes the row).
CREATE TABLE active_calls (
    caller_id                  TEXT           PRIMARY KEY,
    call_id                    TEXT           NOT NULL,
    receiver_id                TEXT           NOT NULL,
    call_type                  TEXT           NOT NULL,
    receiver_level             INTEGER        NOT NULL,
    is_agency_female           BOOLEAN        NOT NULL,
    agency_id                  TEXT,
    female_rate_per_minute     NUMERIC(14,4)  NOT NULL,
    platform_margin_per_minute NUMERIC(14,4)  NOT NULL,
    admin_share_percentage     NUMERIC(7,4)   NOT NULL,
    caller_balance_at_start    BIGINT         NOT NULL,
    max_seconds                BIGINT         NOT NULL,
    started_at                 TIMESTAMPTZ    NOT NULL,
    expires_at                 TIMESTAMPTZ    NOT NULL,
    last_heartbeat_at          TIMESTAMPTZ,
    cutoff_due_emitted         BOOLEAN        NOT NULL
);

-- A receiver's ongoing call.
CREATE INDEX active_calls_receiver_idx ON active_calls (receiver_id);

-- callers topic (Caller profiles, keyed by callerId): names and images for the receivers' history pages.
-- The block list is not sunk (the connector drops it).
CREATE TABLE callers (
    caller_id     TEXT PRIMARY KEY,
    first_name    TEXT,
    last_name     TEXT,
    email         TEXT,
    profile_image TEXT
);

-- receivers topic (Receiver profiles, keyed by receiverId): names and images for the callers' history pages.
CREATE TABLE receivers (
    receiver_id     TEXT     PRIMARY KEY,
    name            TEXT,
    email           TEXT,
    profile_image   TEXT,
    online_status   BOOLEAN  NOT NULL,
    current_level   INTEGER  NOT NULL,
    agency_id       TEXT,
    review_accepted BOOLEAN  NOT NULL
);
