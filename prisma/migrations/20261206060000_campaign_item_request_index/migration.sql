-- The State services' pages ask, for each request, whether a list carried it (their share of the
-- requests, policy.server.ts): an index on the request, not a scan of every list item per request.
CREATE INDEX "RepriseCampaignItem_requestId_idx" ON "RepriseCampaignItem"("requestId");
