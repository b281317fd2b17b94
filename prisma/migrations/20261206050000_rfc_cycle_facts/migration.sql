-- The RFC cycle now projects what the version page shows of it (decision 017), so that the page
-- reads its header in SQL without the snapshot. Backfill: the new fields of every existing
-- cycle, as the engine computes them from its snapshot's context.
INSERT OR REPLACE INTO "WorkflowField" ("workflowId", "name", "value")
SELECT w."id", c."key", c."value" FROM "WorkflowInstance" w, json_each(w."snapshot", '$.context') c
WHERE w."type" = 'rfc-cycle' AND c."key" IN ('openedAt', 'closedAt', 'outcome', 'conclusion');
