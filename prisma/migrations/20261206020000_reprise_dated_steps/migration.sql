-- The reprise workflow now projects every dated step the calendar shows (decision 017), so that
-- the calendar reads a range in SQL without the snapshots. Backfill: the new fields of every
-- existing reprise workflow, as the engine computes them from its snapshot's context.
WITH "projectedFields" ("name", "path") AS (
  VALUES
    ('proposedDate', '$.context.proposedDate'),
    ('extractedOn', '$.context.extractedOn'),
    ('shipmentDate', '$.context.shipment.date'),
    ('shipmentMedium', '$.context.shipment.medium'),
    ('receivedOn', '$.context.receivedOn'),
    ('accessCutFrom', '$.context.accessCutFrom')
)
INSERT OR REPLACE INTO "WorkflowField" ("workflowId", "name", "value")
SELECT w."id", f."name", json_extract(w."snapshot", f."path") FROM "WorkflowInstance" w
CROSS JOIN "projectedFields" f WHERE w."type" = 'reprise';
