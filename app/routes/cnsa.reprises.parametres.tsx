import { DataTable } from "~/components/data-table";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Breadcrumb, CNSA_CRUMBS } from "~/components/breadcrumb";
import { FormError, Notice, RadioField, TextField } from "~/components/fields";
import { actorOf } from "~/modules/journal/audit.server";
import { parseLeadTimes } from "~/modules/reprise/forms.server";
import { pendingDispatchJob, upcomingDispatches } from "~/modules/reprise/dispatch-board.server";
import { rescheduleDispatch } from "~/modules/reprise/jobs.server";
import { dispatchSetting, reminderSetting } from "~/modules/reprise/settings.server";
import { readSetting, writeSetting } from "~/modules/settings/settings.server";
import { now } from "~/utils/clock.server";
import { answer, intentOf, unknownIntent } from "~/utils/intent.server";
import { requireCoordinator } from "~/utils/route-steps.server";
import { useFormPage } from "~/utils/form-page";

export const meta: MetaFunction = () => [
  { title: "Paramètres de la campagne de reprise — Coordination CNSA — Passerelles" },
];

const SHIFTS = [
  {
    value: "jour-ouvre-precedent",
    label: "Le dernier jour ouvré avant le 25",
    hint: "Recommandé : la circulaire demande un envoi « au plus tard le 25 ».",
  },
  { value: "le-25", label: "Le 25 quel que soit le jour", hint: "Même un samedi, un dimanche ou un jour férié." },
] as const;

const REMINDERS = [
  {
    name: "answerDaysBefore",
    label: "Rappel au service de l'État avant l'échéance de sa réponse",
    unit: "jours calendaires avant l'échéance",
  },
  {
    name: "validationWorkingDaysBefore",
    label: "Rappel à la MDPH avant la fin de son délai de validation",
    unit: "jours ouvrés avant la fin du délai",
  },
  {
    name: "signatureDaysBefore",
    label: "Rappel à la MDPH qui a signé l'avenant sans faire sa demande",
    unit: "jours calendaires avant l'échéance de la demande",
  },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoordinator(request);
  const at = now();
  const [dispatch, reminders, pending] = await Promise.all([
    readSetting(dispatchSetting),
    readSetting(reminderSetting),
    pendingDispatchJob(),
  ]);
  const byShift = Object.fromEntries(
    SHIFTS.map((s) => [s.value, upcomingDispatches(at, { hour: dispatch.hour, shift: s.value }, 3)]),
  );
  return {
    dispatch,
    reminders: {
      answerDaysBefore: reminders.answerDaysBefore.join(", "),
      validationWorkingDaysBefore: reminders.validationWorkingDaysBefore.join(", "),
      signatureDaysBefore: reminders.signatureDaysBefore.join(", "),
    },
    current: upcomingDispatches(at, dispatch, 3),
    comparison: byShift["jour-ouvre-precedent"].map((row, i) => ({
      month: row.monthLabel,
      shifted: row.atLabel,
      the25th: byShift["le-25"][i].atLabel,
      differs: row.atLabel !== byShift["le-25"][i].atLabel,
    })),
    pending,
  };
}

type ActionResult = {
  intent: "envoi" | "rappels";
  ok: boolean;
  message?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
};

export async function action(args: ActionFunctionArgs) {
  return answer(await act(args));
}

async function act({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const user = await requireCoordinator(request);
  const form = await request.formData();
  const value = (name: string) => String(form.get(name) ?? "").trim();
  switch (intentOf(form)) {
    case "envoi": {
      const values = { hour: value("hour"), shift: value("shift") };
      const errors: Record<string, string> = {};
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(values.hour))
        errors.hour = "Saisissez une heure au format HH:MM, par exemple 09:00.";
      if (!SHIFTS.some((s) => s.value === values.shift))
        errors.shift = "Choisissez ce qui se passe quand le 25 n'est pas un jour ouvré.";
      if (Object.keys(errors).length > 0) return { intent: "envoi", ok: false, errors, values };
      const written = await writeSetting(dispatchSetting, values, actorOf(user));
      if (!written.ok) return { intent: "envoi", ok: false, errors: { hour: written.message }, values };
      await rescheduleDispatch(now());
      const pending = await pendingDispatchJob();
      return {
        intent: "envoi",
        ok: true,
        message: `Réglage enregistré.${pending ? ` La liste ${pending.ofMonth} partira le ${pending.dueAtLabel}.` : ""}`,
      };
    }
    case "rappels": {
      const values = Object.fromEntries(REMINDERS.map((r) => [r.name, value(r.name)]));
      const errors: Record<string, string> = {};
      const parsed: Record<string, number[]> = {};
      for (const r of REMINDERS) {
        const result = parseLeadTimes(values[r.name]);
        if (result.ok) parsed[r.name] = result.value;
        else errors[r.name] = result.message;
      }
      if (Object.keys(errors).length > 0) return { intent: "rappels", ok: false, errors, values };
      const written = await writeSetting(reminderSetting, parsed, actorOf(user));
      if (!written.ok) return { intent: "rappels", ok: false, message: written.message, values };
      return {
        intent: "rappels",
        ok: true,
        message: "Délais de rappel enregistrés. Ils s'appliquent aux rappels programmés à partir de maintenant.",
      };
    }
    default:
      unknownIntent();
  }
}

export default function RepriseSettings() {
  const { data, answer: result, busy } = useFormPage<typeof loader, typeof action>();
  const { dispatch, reminders, current, comparison, pending } = data;
  const envoi = result?.intent === "envoi" ? result : undefined;
  const rappels = result?.intent === "rappels" ? result : undefined;
  const shiftValue = envoi?.values?.shift ?? dispatch.shift;
  const shiftError = envoi?.errors?.shift;
  return (
    <>
      <Breadcrumb items={CNSA_CRUMBS} current="Paramètres" />
      <h1>Paramètres de la campagne de reprise</h1>

      <section className="fr-mt-4w" aria-labelledby="envoi-titre">
        <h2 id="envoi-titre">Envoi mensuel de la liste</h2>
        <p>
          La liste priorisée part d'elle-même chaque mois à l'heure choisie (heure de Paris). Les échéances de réponse
          des services de l'État restent calculées à partir du 25.
        </p>
        {envoi?.ok ? <Notice message={envoi.message} /> : null}
        {envoi && !envoi.ok ? (
          <FormError message="Le réglage n'a pas été enregistré : corrigez les champs signalés." />
        ) : null}
        <Form method="post" noValidate className="fr-col-md-8">
          <TextField
            name="hour"
            label="Heure d'envoi (heure de Paris)"
            hint="Format HH:MM sur 24 heures, par exemple 09:00 ou 14:30."
            inputMode="numeric"
            maxLength={5}
            required
            defaultValue={envoi?.values?.hour ?? dispatch.hour}
            error={envoi?.errors?.hour}
          />
          <RadioField
            id="champ-shift"
            name="shift"
            legend="Quand le 25 n'est pas un jour ouvré, la liste part…"
            options={[...SHIFTS]}
            defaultValue={shiftValue}
            error={shiftError}
            live="assertive"
          />
          <button className="fr-btn" type="submit" name="intent" value="envoi" disabled={busy}>
            Enregistrer l'envoi mensuel
          </button>
        </Form>

        <h3 className="fr-h5 fr-mt-4w">Prochains envois avec le réglage enregistré</h3>
        <ul>
          {current.map((d) => (
            <li key={d.month}>
              Liste {d.ofMonth} : le {d.atLabel} ({d.countdown})
              {d.shiftNote ? <span className="fr-text--sm"> — {d.shiftNote}</span> : null}
            </li>
          ))}
        </ul>
        <p className="fr-text--sm">
          {pending
            ? `Tâche programmée : liste ${pending.ofMonth}, le ${pending.dueAtLabel}.`
            : "Aucune tâche d'envoi n'est programmée : elle le sera au prochain démarrage du travailleur."}
        </p>
        <DataTable
          caption={`Les deux réglages comparés, à l'heure de ${dispatch.hour}`}
          columns={[
            "Liste",
            {
              key: "jour-ouvre-precedent",
              header: `Le dernier jour ouvré avant le 25${dispatch.shift === "jour-ouvre-precedent" ? " (réglage actuel)" : ""}`,
            },
            {
              key: "le-25",
              header: `Le 25 quel que soit le jour${dispatch.shift === "le-25" ? " (réglage actuel)" : ""}`,
            },
          ]}
          rows={comparison}
          row={(row) => (
            <tr key={row.month}>
              <th scope="row">{row.month}</th>
              <td>{row.differs ? <strong>{row.shifted}</strong> : row.shifted}</td>
              <td>{row.differs ? <strong>{row.the25th}</strong> : row.the25th}</td>
            </tr>
          )}
        />
      </section>

      <section className="fr-mt-6w" aria-labelledby="rappels-titre">
        <h2 id="rappels-titre">Rappels avant échéance</h2>
        <p>
          Indiquez les délais séparés par des virgules, du plus long au plus court (cinq au plus, de 0 à 60). Laissez
          vide pour ne pas envoyer de rappel.
        </p>
        {rappels?.ok ? <Notice message={rappels.message} /> : null}
        {rappels && !rappels.ok ? (
          <FormError
            message={rappels.message ?? "Les délais n'ont pas été enregistrés : corrigez les champs signalés."}
          />
        ) : null}
        <Form method="post" noValidate className="fr-col-md-8">
          {REMINDERS.map((r) => (
            <TextField
              key={r.name}
              name={r.name}
              label={r.label}
              hint={`En ${r.unit}, par exemple « 5, 1 ».`}
              inputMode="numeric"
              defaultValue={rappels?.values?.[r.name] ?? reminders[r.name]}
              error={rappels?.errors?.[r.name]}
            />
          ))}
          <button className="fr-btn" type="submit" name="intent" value="rappels" disabled={busy}>
            Enregistrer les rappels
          </button>
        </Form>
      </section>
    </>
  );
}
