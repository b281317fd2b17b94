-- The optimistic lock column is the row version, apart from the document's and the machine's
-- versions (issue 9, docs/architecture.md "Words"). A rename keeps every value.
ALTER TABLE "WorkflowInstance" RENAME COLUMN "version" TO "rowVersion";
ALTER TABLE "WorkGroup" RENAME COLUMN "version" TO "rowVersion";
ALTER TABLE "Meeting" RENAME COLUMN "version" TO "rowVersion";
