-- Custom SQL migration file, put your code below! --
-- Every change that can end a session's access is announced on channel opgave_auth, on commit, so that each
-- API instance evicts it from its session-check cache (apps/api/src/modules/auth/session-cache.ts):
-- 's:<session id>' when a session is revoked, expires earlier, moves or goes; 'u:<user id>' when a user is
-- disabled, deleted or gains/loses platform-admin rights; '*' (empty everything) on TRUNCATE.
CREATE OR REPLACE FUNCTION opgave_notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('opgave_auth', 's:' || OLD.id::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION opgave_notify_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('opgave_auth', 'u:' || OLD.id::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION opgave_notify_auth_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('opgave_auth', '*');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER auth_sessions_notify_update AFTER UPDATE ON auth_sessions FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION opgave_notify_session_change();
--> statement-breakpoint
CREATE TRIGGER auth_sessions_notify_delete AFTER DELETE ON auth_sessions FOR EACH ROW EXECUTE FUNCTION opgave_notify_session_change();
--> statement-breakpoint
CREATE TRIGGER auth_sessions_notify_truncate AFTER TRUNCATE ON auth_sessions FOR EACH STATEMENT EXECUTE FUNCTION opgave_notify_auth_truncate();
--> statement-breakpoint
CREATE TRIGGER users_notify_update AFTER UPDATE ON users FOR EACH ROW
  WHEN (OLD.disabled_at IS DISTINCT FROM NEW.disabled_at OR OLD.is_platform_admin IS DISTINCT FROM NEW.is_platform_admin OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION opgave_notify_user_change();
--> statement-breakpoint
CREATE TRIGGER users_notify_delete AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION opgave_notify_user_change();
--> statement-breakpoint
CREATE TRIGGER users_notify_truncate AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION opgave_notify_auth_truncate();
