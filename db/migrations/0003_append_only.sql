-- Signed and decided records are append-only, enforced by the database itself so that no
-- code path (or future bug) can rewrite them.
CREATE OR REPLACE FUNCTION accord_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'append-only: % rows cannot be %', TG_TABLE_NAME, lower(TG_OP) USING ERRCODE = 'P0001';
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ibb_consensus_answers_append_only BEFORE UPDATE OR DELETE ON ibb_consensus_answers FOR EACH ROW EXECUTE FUNCTION accord_append_only();
--> statement-breakpoint
CREATE TRIGGER ibb_ta_initials_append_only BEFORE UPDATE OR DELETE ON ibb_ta_initials FOR EACH ROW EXECUTE FUNCTION accord_append_only();
--> statement-breakpoint
CREATE TRIGGER ibb_ta_ratifications_append_only BEFORE UPDATE OR DELETE ON ibb_ta_ratifications FOR EACH ROW EXECUTE FUNCTION accord_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION accord_append_only();
--> statement-breakpoint
-- A tentative agreement's text never changes; only its freeze/supersede stamps are set, once.
CREATE OR REPLACE FUNCTION accord_ta_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'append-only: tentative agreements cannot be deleted' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.text IS DISTINCT FROM OLD.text OR NEW.text_hash IS DISTINCT FROM OLD.text_hash OR NEW.subject IS DISTINCT FROM OLD.subject
     OR NEW.session_id IS DISTINCT FROM OLD.session_id OR NEW.created_by IS DISTINCT FROM OLD.created_by
     OR (OLD.frozen_at IS NOT NULL AND NEW.frozen_at IS DISTINCT FROM OLD.frozen_at)
     OR (OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS DISTINCT FROM OLD.superseded_at) THEN
    RAISE EXCEPTION 'append-only: a tentative agreement''s text and stamps cannot change' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ibb_tentative_agreements_immutable BEFORE UPDATE OR DELETE ON ibb_tentative_agreements FOR EACH ROW EXECUTE FUNCTION accord_ta_immutable();
