import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { FormError, Notice, TextField } from "~/components/fields";
import { RFC_CRUMB } from "~/components/rfc-fields";
import { actorOf } from "~/modules/journal/audit.server";
import { ensureRfcSchedules } from "~/modules/rfc/jobs.server";
import { cycleSetting, digestSetting, parseReminderDays, rfcSettings } from "~/modules/rfc/settings.server";
import { writeSetting } from "~/modules/settings/settings.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { answer } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "Paramètres des appels à commentaires — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "manage:group");
  const { cycle, digest } = await rfcSettings();
  return {
    defaultDays: String(cycle.defaultDays),
    minimumDays: String(cycle.minimumDays),
    reminderDaysBefore: cycle.reminderDaysBefore.join(", "),
    hour: digest.hour,
  };
}

type ActionResult = { ok: boolean; message?: string; errors?: Record<string, string>; values?: Record<string, string> };

const days = (value: string, label: string): { ok: true; value: number } | { ok: false; message: string } =>
  /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 180
    ? { ok: true, value: Number(value) }
    : { ok: false, message: `${label} : saisissez un nombre entier de jours, de 1 à 180.` };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "manage:group");
  const form = await request.formData();
  const values = Object.fromEntries(
    ["defaultDays", "minimumDays", "reminderDaysBefore", "hour"].map((name) => [
      name,
      String(form.get(name) ?? "").trim(),
    ]),
  );
  const errors: Record<string, string> = {};
  const defaultDays = days(values.defaultDays, "Durée par défaut");
  const minimumDays = days(values.minimumDays, "Durée minimale");
  const reminders = parseReminderDays(values.reminderDaysBefore);
  if (!defaultDays.ok) errors.defaultDays = defaultDays.message;
  if (!minimumDays.ok) errors.minimumDays = minimumDays.message;
  if (!reminders.ok) errors.reminderDaysBefore = reminders.message;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(values.hour))
    errors.hour = "Saisissez une heure au format HH:MM, par exemple 08:00.";
  if (defaultDays.ok && minimumDays.ok && minimumDays.value > defaultDays.value)
    errors.minimumDays = "La durée minimale ne peut pas dépasser la durée par défaut.";
  if (defaultDays.ok && reminders.ok && reminders.value.some((d) => d >= defaultDays.value))
    errors.reminderDaysBefore =
      "Chaque rappel doit tomber avant l'échéance par défaut : moins de jours que la durée par défaut.";
  if (Object.keys(errors).length > 0 || !defaultDays.ok || !minimumDays.ok || !reminders.ok)
    return answer<ActionResult>({ ok: false, errors, values });
  const actor = actorOf(user);
  const cycle = await writeSetting(
    cycleSetting,
    { defaultDays: defaultDays.value, minimumDays: minimumDays.value, reminderDaysBefore: reminders.value },
    actor,
  );
  if (!cycle.ok) return answer<ActionResult>({ ok: false, message: cycle.message, values });
  const digest = await writeSetting(digestSetting, { hour: values.hour }, actor);
  if (!digest.ok) return answer<ActionResult>({ ok: false, errors: { hour: digest.message }, values });
  await ensureRfcSchedules(now());
  return answer<ActionResult>({
    ok: true,
    message:
      "Paramètres enregistrés. Les durées et les rappels s'appliquent aux cycles ouverts à partir de maintenant ; le prochain récapitulatif part à la nouvelle heure.",
  });
}

/** The two durations of a cycle, in days. */
const DURATIONS = [
  {
    name: "defaultDays",
    label: "Durée proposée par défaut (jours)",
    hint: "L'échéance proposée au pilote à l'ouverture, par exemple 21.",
  },
  {
    name: "minimumDays",
    label: "Durée minimale (jours)",
    hint: "Le pilote ne peut pas laisser moins de temps pour répondre, par exemple 10.",
  },
] as const;

export default function RfcSettings() {
  const current = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const value = (name: keyof typeof current) => result?.values?.[name] ?? current[name];
  return (
    <>
      <Breadcrumb items={[RFC_CRUMB]} current="Paramètres" />
      <h1>Paramètres des appels à commentaires</h1>
      {result?.ok ? <Notice message={result.message} /> : null}
      {result && !result.ok ? (
        <FormError message={result.message ?? "Rien n'a été enregistré : corrigez les champs signalés."} />
      ) : null}
      <Form method="post" noValidate className="fr-col-md-8">
        <fieldset className="fr-fieldset" aria-labelledby="durees-legende">
          <legend className="fr-fieldset__legend" id="durees-legende">
            Durée des cycles de commentaires
          </legend>
          {DURATIONS.map((field) => (
            <div key={field.name} className="fr-fieldset__element">
              <TextField
                {...field}
                inputMode="numeric"
                maxLength={3}
                required
                defaultValue={value(field.name)}
                error={result?.errors?.[field.name]}
              />
            </div>
          ))}
        </fieldset>
        <TextField
          name="reminderDaysBefore"
          label="Rappels aux organisations qui n'ont pas répondu (jours avant l'échéance)"
          hint="Séparés par des virgules, par exemple « 7, 1 » ; cinq au plus ; laissez vide pour ne pas relancer."
          inputMode="numeric"
          defaultValue={value("reminderDaysBefore")}
          error={result?.errors?.reminderDaysBefore}
        />
        <TextField
          name="hour"
          label="Heure du récapitulatif quotidien des nouveaux commentaires (heure de Paris)"
          hint="Format HH:MM, par exemple 08:00. Envoyé aux personnes qui l'ont demandé, seulement s'il y a du nouveau."
          inputMode="numeric"
          maxLength={5}
          required
          defaultValue={value("hour")}
          error={result?.errors?.hour}
        />
        <button className="fr-btn" type="submit" disabled={busy}>
          Enregistrer les paramètres
        </button>
      </Form>
    </>
  );
}
