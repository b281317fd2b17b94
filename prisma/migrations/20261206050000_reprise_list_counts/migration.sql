-- The reprise workflow now projects how many lists carried each request and how many
-- non-conformities it had (decision 017), so that the boards, the State services' tables and
-- the monthly dispatch tell a carried-over request and a replay without parsing snapshots.
-- Backfill: the two fields of every existing reprise workflow, as the engine writes them
-- (a whole number as text).
INSERT OR REPLACE INTO "WorkflowField" ("workflowId", "name", "value")
SELECT w."id", 'dispatchCount', CAST(json_extract(w."snapshot", '$.context.dispatchCount') AS TEXT)
FROM "WorkflowInstance" w WHERE w."type" = 'reprise';
INSERT OR REPLACE INTO "WorkflowField" ("workflowId", "name", "value")
SELECT w."id", 'nonConformityCount', CAST(json_array_length(w."snapshot", '$.context.nonConformities') AS TEXT)
FROM "WorkflowInstance" w WHERE w."type" = 'reprise';
