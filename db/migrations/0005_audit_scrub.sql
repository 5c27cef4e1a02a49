-- Issue 11, finding 1: no audit row may hold a personal value. Rows written
-- before kept before/after values (birth year, needs, nickname, emails…) and
-- participant refs. The log is append-only (0001's triggers refuse UPDATE and
-- DELETE): THIS MIGRATION, AND ONLY THIS ONE, lifts the UPDATE trigger to
-- scrub those rows in place, and puts the same trigger back at its end. No
-- row is deleted; what remains is who did what to which record, when, from
-- which screen, and the names of the fields that changed.
DROP TRIGGER IF EXISTS audit_log_no_update;
--> statement-breakpoint
UPDATE audit_log
SET changes = (
  SELECT json_group_array(key) FROM (SELECT key FROM json_each(audit_log.changes) ORDER BY key)
)
WHERE changes IS NOT NULL AND json_type(changes) = 'object';
--> statement-breakpoint
-- A participant is named by the row id, never by the ref (it changes at erasure).
UPDATE audit_log
SET entity_id = CAST(participant_id AS TEXT)
WHERE entity_type = 'participant' AND participant_id IS NOT NULL
  AND entity_id IS NOT CAST(participant_id AS TEXT);
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- Link existing notifications and mail to the participant they are about,
-- so that erasure finds them (0004 added the columns).
UPDATE notifications
SET participant_id = (
  SELECT p.id FROM participants p
  WHERE notifications.link = '/participants/' || p.ref
     OR notifications.link LIKE '/participants/' || p.ref || '/%'
     OR notifications.link LIKE '/participants/' || p.ref || '#%'
)
WHERE participant_id IS NULL AND link LIKE '/participants/%';
--> statement-breakpoint
-- Notifications about participants erased before this release: their link names a ref that no longer exists.
DELETE FROM notifications
WHERE participant_id IS NULL AND link LIKE '/participants/%';
--> statement-breakpoint
UPDATE mail_messages
SET participant_id = coalesce(
  (SELECT p.id FROM participants p JOIN users u ON u.id = p.user_id WHERE u.email = mail_messages."to"),
  (SELECT i.participant_id FROM invitations i WHERE i.email = mail_messages."to" AND i.participant_id IS NOT NULL)
)
WHERE participant_id IS NULL;
