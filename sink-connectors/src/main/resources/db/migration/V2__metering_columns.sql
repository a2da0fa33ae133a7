-- Metering (issue 9): billing measures a call from its connect to its end, cuts it off at the balance and settles
-- abandoned calls. The new CallRecord and ActiveCall fields get their columns here, before billing ships them (the
-- sink's schema.evolution is none). Each is nullable or has the Avro default, so rows written before stay valid.

-- call-history: when the call was accepted, where billing's measurement started, the last heartbeat, whether the
-- claimed duration disagreed with the measured one, and the metering policy that billed it.
ALTER TABLE call_history
    ADD COLUMN accepted_at        TIMESTAMPTZ,
    ADD COLUMN connected_at       TIMESTAMPTZ,
    ADD COLUMN last_heartbeat_at  TIMESTAMPTZ,
    ADD COLUMN duration_disputed  BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN metering           TEXT;

-- active-calls: the accept, the connect, and whether the cutoff warning of the current maxSeconds was emitted.
ALTER TABLE active_calls
    ADD COLUMN accepted_at             TIMESTAMPTZ,
    ADD COLUMN connected_at            TIMESTAMPTZ,
    ADD COLUMN cutoff_warning_emitted  BOOLEAN NOT NULL DEFAULT false;
