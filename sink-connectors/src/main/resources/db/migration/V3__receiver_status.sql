-- receiver-status topic (ReceiverStatus, keyed by receiverId): a receiver's own online status, on its own topic so
-- her status changes never rewrite the admin's profile. Where present it wins over the profile's onlineStatus, as
-- in billing's start check.
CREATE TABLE receiver_status (
    receiver_id   TEXT         PRIMARY KEY,
    online_status BOOLEAN      NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);

-- receivers.online_status stays her effective status whichever connector writes first: a profile upsert takes her
-- status when she has one, a status upsert updates her profile row.
CREATE FUNCTION receivers_take_effective_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    effective BOOLEAN;
BEGIN
    SELECT s.online_status INTO effective FROM receiver_status s WHERE s.receiver_id = NEW.receiver_id;
    IF FOUND THEN
        NEW.online_status := effective;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER receivers_effective_status BEFORE INSERT OR UPDATE ON receivers
    FOR EACH ROW EXECUTE FUNCTION receivers_take_effective_status();

CREATE FUNCTION receiver_status_to_receivers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE receivers SET online_status = NEW.online_status
     WHERE receiver_id = NEW.receiver_id AND online_status IS DISTINCT FROM NEW.online_status;
    RETURN NULL;
END $$;

CREATE TRIGGER receiver_status_to_receivers AFTER INSERT OR UPDATE ON receiver_status
    FOR EACH ROW EXECUTE FUNCTION receiver_status_to_receivers();
