import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { TitledSection } from "~/components/groups/titled-section";
import { Form, Link } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { DataTable } from "~/components/data-table";
import { FormError, Notice, TextField } from "~/components/fields";
import { GroupStatusBadge, LateBadge, PilotName } from "~/components/group-status";
import { actorOf } from "~/modules/journal/audit.server";
import { listGroups } from "~/modules/groups/group-queries.server";
import { GROUP_KIND_LABELS } from "~/modules/groups/labels";
import { dayLabel } from "~/utils/format";
import { actionReminderSetting } from "~/modules/groups/settings.server";
import { parseLeadTimes } from "~/modules/reprise/forms.server";
import { readSetting, writeSetting } from "~/modules/settings/settings.server";
import { requireUserWith } from "~/utils/auth.server";
import { answer, intentOf, orRefusal, unknownIntent } from "~/utils/intent.server";
import { useFormPage } from "~/utils/form-page";

export const meta: MetaFunction = () => [{ title: "Groupes de travail — Coordination CNSA — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "manage:group");
  const [groups, reminders] = await Promise.all([listGroups(user).then(orRefusal), readSetting(actionReminderSetting)]);
  return {
    groups: groups.map((g) => ({ ...g, letterDueLabel: g.letterDueOn ? dayLabel(g.letterDueOn) : null })),
    reminders: reminders.daysBefore.join(", "),
    created: new URL(request.url).searchParams.get("cree"),
  };
}

type ActionData = { ok: boolean; message?: string; error?: string; value?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "manage:group");
  const form = await request.formData();
  if (intentOf(form) !== "rappels") unknownIntent();
  const value = String(form.get("daysBefore") ?? "");
  const parsed = parseLeadTimes(value);
  if (!parsed.ok) return answer<ActionData>({ ok: false, error: parsed.message, value });
  const written = await writeSetting(actionReminderSetting, { daysBefore: parsed.value }, actorOf(user));
  if (!written.ok) return answer<ActionData>({ ok: false, error: written.message, value });
  return answer<ActionData>({
    ok: true,
    message: "Délais de rappel enregistrés. Ils s'appliquent aux actions décidées ou reportées à partir de maintenant.",
  });
}

export default function CnsaGroups() {
  const { data, answer: result, busy } = useFormPage<typeof loader, typeof action>();
  const { groups, reminders, created } = data;
  const createdGroup = created ? groups.find((g) => g.code === created) : undefined;
  return (
    <>
      <Breadcrumb items={[{ label: "Coordination CNSA", to: "/cnsa" }]} current="Groupes de travail" />
      <h1>Groupes de travail</h1>
      <p className="fr-text--lead">
        Les groupes fonctionnels et techniques des échanges entre les MDPH et leurs partenaires, et l'instance de
        pilotage qui les supervise.
      </p>
      {createdGroup ? (
        <Notice
          message={`Le groupe « ${createdGroup.name} » est créé. Son pilote rédige maintenant la lettre de mission.`}
        />
      ) : null}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <Link className="fr-btn fr-icon-add-line" to="/cnsa/groupes/nouveau">
            Créer un groupe de travail
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary fr-icon-calendar-line" to="/livrables">
            Livrables et échéances de tous les groupes
          </Link>
        </li>
      </ul>

      <DataTable
        small={false}
        caption={`${groups.length} groupe${groups.length > 1 ? "s" : ""} de travail`}
        columns={["Groupe", "Type", "État", "Pilote", "Organisations membres", "Lettre de mission attendue le"]}
        rows={groups}
        empty="Aucun groupe de travail pour l'instant."
        row={(g) => (
          <tr key={g.id}>
            <th scope="row">
              <Link to={`/groupes/${g.code}`}>{g.name}</Link>
            </th>
            <td>{GROUP_KIND_LABELS[g.kind]}</td>
            <td>
              <GroupStatusBadge status={g.status} />
            </td>
            <td>
              <PilotName pilot={g.pilot ? { shortName: g.pilot.shortName, validated: g.pilot.validated } : null} />
            </td>
            <td>{g.memberCount}</td>
            <td>
              {g.letterDueLabel ?? "—"} {g.letterLate ? <LateBadge /> : null}
            </td>
          </tr>
        )}
      />

      <TitledSection id="rappels-titre" title="Rappels des actions" className="fr-mt-6w">
        <p>
          Les organisations responsables d'une action reçoivent un rappel ces nombres de jours avant son échéance ; un
          avis de retard part le lendemain de l'échéance.
        </p>
        {result?.ok ? <Notice message={result.message} /> : null}
        {result && !result.ok && !result.error ? <FormError message={result.message} /> : null}
        <Form method="post" noValidate>
          <TextField
            name="daysBefore"
            label="Jours avant l'échéance"
            hint="Nombres entiers séparés par des virgules, par exemple « 7, 1 » (cinq rappels au plus)."
            defaultValue={result && !result.ok ? result.value : reminders}
            error={result && !result.ok ? result.error : undefined}
          />
          <button className="fr-btn fr-btn--secondary" type="submit" name="intent" value="rappels" disabled={busy}>
            Enregistrer les délais de rappel
          </button>
        </Form>
      </TitledSection>
    </>
  );
}
