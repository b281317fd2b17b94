-- The audit log and the workflow event log are append-only: the database itself refuses
-- to change or delete an entry (their hash chains make any bypass detectable too).
CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry"
BEGIN SELECT RAISE(ABORT, 'AuditEntry is append-only'); END;
CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry"
BEGIN SELECT RAISE(ABORT, 'AuditEntry is append-only'); END;
CREATE TRIGGER "WorkflowEvent_no_update" BEFORE UPDATE ON "WorkflowEvent"
BEGIN SELECT RAISE(ABORT, 'WorkflowEvent is append-only'); END;
CREATE TRIGGER "WorkflowEvent_no_delete" BEFORE DELETE ON "WorkflowEvent"
BEGIN SELECT RAISE(ABORT, 'WorkflowEvent is append-only'); END;
