import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { FormError, OneTimeCodeField } from "~/components/fields";
import { verifySecondFactor } from "~/modules/auth/account.server";
import { getCurrent } from "~/utils/auth.server";
import { refused } from "~/utils/intent.server";
import { safeRedirect } from "~/utils/redirect";

export const meta: MetaFunction = () => [{ title: "Double authentification — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrent(request);
  if (!current) throw redirect("/connexion");
  if (!current.user.totpEnabled || current.session.twoFactorVerified) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await getCurrent(request);
  if (!current) throw redirect("/connexion");
  const form = await request.formData();
  const result = await verifySecondFactor({
    sessionId: current.session.id,
    userId: current.user.id,
    code: String(form.get("code") ?? ""),
    ip: context.ip,
  });
  if (!result.ok) return refused({ code: "REFUSE" }, { message: result.message });
  return redirect(safeRedirect(String(form.get("retour") ?? ""), "/"));
}

export default function DoubleAuthentification() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-6">
        <h1>Double authentification</h1>
        <p>Saisissez le code à 6 chiffres affiché par votre application d'authentification.</p>
        <FormError message={data?.message} />
        <Form method="post">
          <input type="hidden" name="retour" value={params.get("retour") ?? ""} />
          <OneTimeCodeField hint="6 chiffres, par exemple 123456" maxLength={7} />
          <button className="fr-btn" type="submit">
            Vérifier
          </button>
        </Form>
      </div>
    </div>
  );
}
