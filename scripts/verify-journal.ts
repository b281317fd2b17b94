/**
 * Verifies the hash chains of the audit log and of the workflow event log.
 * Exit code 0 when both are intact, 1 otherwise.   npm run journal:verify
 */
import { verifyAuditChain } from "~/modules/journal/audit.server";
import { verifyEventChain } from "~/modules/workflow/engine.server";
import { prisma } from "~/utils/db.server";

const checks = [
  ["Journal d'audit", await verifyAuditChain(prisma)],
  ["Journal des événements des processus", await verifyEventChain(prisma)],
] as const;

let intact = true;
for (const [label, verdict] of checks) {
  if (verdict.ok) console.log(`${label} : intègre (${verdict.count} entrées vérifiées).`);
  else {
    intact = false;
    console.log(`${label} : ROMPU à l'entrée n° ${verdict.brokenAtSeq} (${verdict.reason}).`);
  }
}
await prisma.$disconnect();
process.exit(intact ? 0 : 1);
