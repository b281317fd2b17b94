-- A thread's replies and the count of replies per comment are read by parent (issue 10): without
-- this index each lookup scanned the version's comments.
CREATE INDEX "RfcComment_parentId_idx" ON "RfcComment"("parentId");
