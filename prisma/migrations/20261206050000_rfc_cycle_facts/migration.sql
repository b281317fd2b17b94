-- The RFC cycle now projects what the version page shows of it (decision 017), so that the page
-- reads its header in SQL without the snapshot. Backfill: the new fields of every existing
-- cycle, as the engine computes them from its snapshot's context.
WITH "projectedFields" ("name", "path") AS (
  VALUES
    ('openedAt', '$.context.openedAt'),
    ('closedAt', '$.context.closedAt'),
    ('outcome', '$.context.outcome'),
    ('conclusion', '$.context.conclusion')
)
INSERT OR REPLACE INTO "WorkflowField" ("workflowId", "name", "value")
SELECT w."id", f."name", json_extract(w."snapshot", f."path") FROM "WorkflowInstance" w
CROSS JOIN "projectedFields" f WHERE w."type" = 'rfc-cycle';
