import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { ADMIN_CRUMB, Breadcrumb } from "~/components/breadcrumb";
import { FormError, Notice } from "~/components/fields";
import { StatusQueue, statusQueuePage } from "~/components/filter-form";
import { retryFailedJob } from "~/modules/scheduler/admin.server";
import { JOB_STATUS_VOCABULARY, listJobs } from "~/modules/scheduler/jobs.server";
import { requireUserWith } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { can } from "~/utils/permissions";
import { intentOf, refused, unknownIntent } from "~/utils/intent.server";
import { useFormPage } from "~/utils/form-page";

export const meta: MetaFunction = () => [{ title: "Tâches programmées — Administration — Passerelles" }];

/** The badge colour only repeats the status written in it. */
const JOB_BADGES: Record<string, string> = {
  PENDING: "fr-badge--info",
  DONE: "fr-badge--success",
  FAILED: "fr-badge--error",
  CANCELLED: "",
  DROPPED: "fr-badge--warning",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:job");
  const { jobs, ...queue } = await statusQueuePage(new URL(request.url), JOB_STATUS_VOCABULARY, listJobs);
  return {
    ...queue,
    canRetry: can(user, "manage:job"),
    jobs: jobs.map((j) => ({
      id: j.id,
      kind: j.kind,
      dueAt: j.dueAt.toISOString(),
      status: j.status,
      statusLabel: JOB_STATUS_VOCABULARY.labelOf(j.status),
      attempts: j.attempts,
      maxAttempts: j.maxAttempts,
      lastError: j.lastError,
      completedAt: j.completedAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "manage:job");
  const form = await request.formData();
  if (intentOf(form) !== "relancer") unknownIntent();
  const retried = await retryFailedJob(user, String(form.get("id") ?? ""));
  if (!retried.ok) return refused(retried, { ok: false as const, message: retried.message });
  return {
    ok: true as const,
    message: `Tâche « ${retried.value.kind} » relancée : elle s'exécute au prochain passage du travailleur.`,
  };
}

export default function AdminJobs() {
  const { data, answer: result, busy } = useFormPage<typeof loader, typeof action>();
  const { canRetry, jobs, ...queue } = data;
  return (
    <>
      <Breadcrumb items={[ADMIN_CRUMB]} current="Tâches programmées" />
      <h1>Tâches programmées</h1>
      <p>
        Relances, échéances et traitements de la plateforme, exécutés à leur date par le travailleur. Une tâche en échec
        a épuisé ses tentatives : corrigez la cause, puis relancez-la.
      </p>
      {result ? result.ok ? <Notice message={result.message} /> : <FormError message={result.message} /> : null}

      <StatusQueue
        queue={queue}
        count={{ noun: "tâche", order: "de la plus lointaine échéance à la plus ancienne" }}
        table={{
          caption: "Tâches programmées",
          columns: [
            "Type",
            "Échéance",
            "Statut",
            "Tentatives",
            "Terminée le",
            "Dernière erreur",
            ...(canRetry ? ["Action"] : []),
          ],
          rows: jobs,
          empty: `Aucune tâche${queue.status ? " à ce statut" : ""}.`,
          row: (j) => (
            <tr key={j.id}>
              <td>
                <code>{j.kind}</code>
              </td>
              <td>{formatDateTime(j.dueAt)}</td>
              <td>
                <span className={`fr-badge fr-badge--sm ${JOB_BADGES[j.status] ?? ""}`}>{j.statusLabel}</span>
              </td>
              <td>
                {j.attempts} sur {j.maxAttempts}
              </td>
              <td>{formatDateTime(j.completedAt)}</td>
              <td className="fr-text--xs">{j.lastError ?? "—"}</td>
              {canRetry ? (
                <td>
                  {j.status === "FAILED" ? (
                    <Form method="post">
                      <input type="hidden" name="id" value={j.id} />
                      <button
                        className="fr-btn fr-btn--sm fr-btn--secondary"
                        type="submit"
                        name="intent"
                        value="relancer"
                        disabled={busy}
                      >
                        Relancer
                        <span className="fr-sr-only">
                          {" "}
                          la tâche {j.kind} prévue le {formatDateTime(j.dueAt)}
                        </span>
                      </button>
                    </Form>
                  ) : (
                    "—"
                  )}
                </td>
              ) : null}
            </tr>
          ),
        }}
      />
    </>
  );
}
