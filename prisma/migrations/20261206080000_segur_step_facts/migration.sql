-- The Ségur step now projects who asked and the reason of the blockage in progress (decision
-- 017), so that the pilot's pages show them without the snapshot. Backfill: the new fields of
-- every existing step, as the engine computes them from its snapshot's context (the open
-- blockage is the last one, with no end).
INSERT OR REPLACE INTO "WorkflowField" ("workflowId", "name", "value")
SELECT w."id", 'actedBy', json_extract(w."snapshot", '$.context.actedBy')
FROM "WorkflowInstance" w WHERE w."type" = 'segur-etape';

INSERT OR REPLACE INTO "WorkflowField" ("workflowId", "name", "value")
SELECT w."id", 'blockReason',
  CASE WHEN json_extract(w."snapshot", '$.context.blockages[#-1].until') IS NULL
       THEN json_extract(w."snapshot", '$.context.blockages[#-1].reason') END
FROM "WorkflowInstance" w WHERE w."type" = 'segur-etape';
