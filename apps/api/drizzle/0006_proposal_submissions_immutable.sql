-- A submission is the evidence behind a receipt: its content, time and hash never change and it is
-- never deleted. Only submitted_by may still change (set to null when that account is removed).
CREATE OR REPLACE FUNCTION proposal_submissions_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'proposal_submissions are immutable';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER proposal_submissions_no_content_update
  BEFORE UPDATE OF proposal_id, submitted_at, content_hash, snapshot ON proposal_submissions
  FOR EACH ROW EXECUTE FUNCTION proposal_submissions_immutable();
--> statement-breakpoint
CREATE TRIGGER proposal_submissions_no_delete
  BEFORE DELETE ON proposal_submissions
  FOR EACH ROW EXECUTE FUNCTION proposal_submissions_immutable();
