/** Demo data: an example establishment and one person per role (see demo-accounts.ts). */
import { now as clockNow } from "~/utils/clock.server";
import { writeTransaction } from "~/utils/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { loadDemoGroups } from "./demo-groups.server";
import { loadDemoRfcs } from "./demo-rfcs.server";
import { loadDemoSegur, startDemoSegurWorkflows } from "./demo-segur.server";

export async function loadDemoData() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return writeTransaction(async (tx) => {
    await tx.organisation.upsert({
      where: { code: "essms-demo" },
      create: {
        code: "essms-demo",
        kind: "ESSMS",
        name: "Institut médico-éducatif de démonstration",
        shortName: "IME de démonstration",
        departementCode: "53",
      },
      update: {},
    });
    // Before the people: the demo Ségur pilot belongs to one of its establishments.
    await loadDemoSegur(tx);
    let people = 0;
    for (const account of DEMO_ACCOUNTS) {
      const organisation = await tx.organisation.findUniqueOrThrow({ where: { code: account.organisationCode } });
      const existing = await tx.user.findUnique({ where: { email: account.email } });
      if (existing) continue;
      await tx.user.create({
        data: {
          email: account.email,
          firstName: account.firstName,
          lastName: account.lastName,
          jobTitle: account.jobTitle,
          organisationId: organisation.id,
          passwordHash,
          roles: { create: account.roles.map((role) => ({ role })) },
        },
      });
      people += 1;
    }
    await loadDemoGroups(tx);
    await loadDemoRfcs(tx);
    await startDemoSegurWorkflows(tx, clockNow());
    return { people };
  });
}
