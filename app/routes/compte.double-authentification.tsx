import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { encodeBase32UpperCaseNoPadding, encodeBase64, decodeBase64 } from "@oslojs/encoding";
import QRCode from "qrcode";
import { BackLink } from "~/components/breadcrumb";
import { FormError, OneTimeCodeField } from "~/components/fields";
import { disableTotp, enableTotp } from "~/modules/auth/account.server";
import { newTotpKey, sealTotpKey, totpUri } from "~/modules/auth/totp.server";
import { mustEnrolTotp, requireCurrent, totpRequiredFor } from "~/utils/auth.server";
import { refused } from "~/utils/intent.server";
import { homeOf } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Double authentification — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireCurrent(request, { allowTotpEnrolment: true });
  const required = totpRequiredFor(user);
  if (user.totpEnabled) return { enabled: true as const, required };
  const key = newTotpKey();
  const uri = totpUri(user.email, key);
  return {
    enabled: false as const,
    required,
    mandatoryNow: mustEnrolTotp(user),
    // The pending key travels sealed (encrypted with APP_SECRET) in the form, never in clear.
    sealedKey: encodeBase64(sealTotpKey(key)),
    manualKey: encodeBase32UpperCaseNoPadding(key)
      .replace(/(.{4})/g, "$1 ")
      .trim(),
    qr: await QRCode.toString(uri, { type: "svg", margin: 1, width: 200 }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireCurrent(request, { allowTotpEnrolment: true });
  const form = await request.formData();
  const code = String(form.get("code") ?? "");
  if (form.get("intent") === "desactiver") {
    if (totpRequiredFor(user)) {
      return refused({ code: "REFUSE" }, { message: "La double authentification est obligatoire pour votre rôle." });
    }
    const result = await disableTotp({ userId: user.id, code });
    return result.ok ? redirect("/compte") : refused({ code: "REFUSE" }, { message: result.message });
  }
  let sealed: Uint8Array;
  try {
    sealed = decodeBase64(String(form.get("sealedKey") ?? ""));
  } catch {
    return refused({ code: "INVALIDE" }, { message: "La clé de configuration est illisible. Rechargez la page." });
  }
  const result = await enableTotp({ userId: user.id, sessionId: session.id, sealedKey: sealed, code });
  return result.ok ? redirect(homeOf(user)) : refused({ code: "REFUSE" }, { message: result.message });
}

export default function DoubleAuthentificationCompte() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (data.enabled) {
    return (
      <div className="fr-col-md-8">
        <h1>Double authentification</h1>
        <p>La double authentification est activée sur votre compte.</p>
        {data.required ? (
          <p>Elle est obligatoire pour votre rôle et ne peut pas être désactivée.</p>
        ) : (
          <Form method="post">
            <FormError message={result?.message} />
            <input type="hidden" name="intent" value="desactiver" />
            <OneTimeCodeField label="Code actuel pour confirmer la désactivation" />
            <button className="fr-btn fr-btn--secondary" type="submit">
              Désactiver
            </button>
          </Form>
        )}
        <BackLink to="/compte">Revenir à mon compte</BackLink>
      </div>
    );
  }
  return (
    <div className="fr-col-md-8">
      <h1>Activer la double authentification</h1>
      {data.mandatoryNow ? (
        <div className="fr-alert fr-alert--info fr-mb-3w">
          <p>Votre rôle donne accès à des données sensibles : activez la double authentification pour continuer.</p>
        </div>
      ) : null}
      <ol>
        <li>Ouvrez une application d'authentification (par exemple FreeOTP, Aegis ou celle de votre organisation).</li>
        <li>
          Scannez ce code QR, ou saisissez la clé : <code>{data.manualKey}</code>
        </li>
        <li>Saisissez le code à 6 chiffres qu'elle affiche.</li>
      </ol>
      <div
        role="img"
        aria-label={`Code QR de configuration ; clé à saisir à la main : ${data.manualKey}`}
        dangerouslySetInnerHTML={{ __html: data.qr }}
      />
      <Form method="post" className="fr-mt-3w">
        <FormError message={result?.message} />
        <input type="hidden" name="sealedKey" value={data.sealedKey} />
        <OneTimeCodeField hint="6 chiffres" />
        <button className="fr-btn" type="submit">
          Activer
        </button>
      </Form>
    </div>
  );
}
