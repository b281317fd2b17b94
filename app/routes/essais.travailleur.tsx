import type { ActionFunctionArgs } from "@remix-run/node";
import { deliverDueMails } from "~/modules/mail/sender.server";
import { createTransport } from "~/modules/mail/transport.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { env } from "~/utils/env.server";
import { requireTestRoutes } from "~/utils/test-routes.server";

/** Test builds only: runs one worker tick now (due jobs, then mail delivery). */
export async function action(_: ActionFunctionArgs) {
  requireTestRoutes();
  const jobs = await runDueJobs();
  const transport = createTransport(env().smtpUrl);
  const mails = await deliverDueMails({ transport, from: env().mailFrom });
  transport?.close();
  return Response.json({ jobs, mails });
}
