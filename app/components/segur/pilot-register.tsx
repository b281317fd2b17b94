/**
 * The pilot's register, credentials and contacts as tables, on its page and on their own pages:
 * the same columns, the person, the certificate or card, the contact as row headers; a render
 * prop adds a last cell (the departure form on the register page, the removal on the record page).
 */
import type { ReactNode } from "react";
import { DataTable } from "~/components/data-table";
import { CREDENTIAL_KIND_VOCABULARY, DESIGNATED_ROLE_VOCABULARY } from "~/modules/segur/vocabulary";
import { dayLabel } from "~/utils/format";

type Person = {
  id: string;
  legalEntityId: string;
  role: string;
  firstName: string;
  lastName: string;
  email: string;
  designatedOn: string | null;
  leftOn: string | null;
};

export function DesignatedPeopleTable({
  people,
  entityName,
  hiddenCaption,
  departure,
}: {
  people: readonly Person[];
  entityName: (legalEntityId: string) => string;
  hiddenCaption?: boolean;
  /** What the "Départ" cell shows for a person still in post (a form), instead of « En poste ». */
  departure?: (person: Person) => ReactNode;
}) {
  return (
    <DataTable
      caption="Registre des personnes désignées"
      hiddenCaption={hiddenCaption}
      columns={["Personne", "Rôle", "Entité juridique", "Adresse électronique", "Désignée le", "Départ"]}
      rows={people}
      empty="Aucune personne n'est encore désignée."
      row={(p) => (
        <tr key={p.id}>
          <th scope="row">
            {p.firstName} {p.lastName}
          </th>
          <td>{DESIGNATED_ROLE_VOCABULARY.labelOf(p.role)}</td>
          <td>{entityName(p.legalEntityId)}</td>
          <td>{p.email}</td>
          <td>{p.designatedOn ? dayLabel(p.designatedOn) : "—"}</td>
          <td>{p.leftOn ? `Partie le ${dayLabel(p.leftOn)}` : (departure?.(p) ?? "En poste")}</td>
        </tr>
      )}
    />
  );
}

type Credential = {
  id: string;
  kind: string;
  reference: string;
  legalEntityName: string;
  issuedOn: string;
  expiresOn: string;
  holder: string | null;
  passwordKeeper: string | null;
};

/** Who a credential depends on: the keeper of a certificate's password, or a card's holder. */
export const dependsOn = (c: Pick<Credential, "holder" | "passwordKeeper">) =>
  c.passwordKeeper ? `mot de passe gardé par ${c.passwordKeeper}` : c.holder ? `carte de ${c.holder}` : null;

export function CredentialsTable({
  credentials,
  hiddenCaption,
}: {
  credentials: readonly Credential[];
  hiddenCaption?: boolean;
}) {
  return (
    <DataTable
      rows={credentials}
      empty="Aucun certificat ni aucune carte n'est enregistré."
      caption="Certificats et cartes du pilote"
      hiddenCaption={hiddenCaption}
      columns={["Type", "Référence", "Entité juridique", "Dépend de", "Délivré le", "Expire le"]}
      row={(c) => (
        <tr key={c.id}>
          <th scope="row">{CREDENTIAL_KIND_VOCABULARY.labelOf(c.kind)}</th>
          <td>{c.reference || "—"}</td>
          <td>{c.legalEntityName}</td>
          <td>{dependsOn(c) ?? "—"}</td>
          <td>{dayLabel(c.issuedOn)}</td>
          <td>{dayLabel(c.expiresOn)}</td>
        </tr>
      )}
    />
  );
}

type Contact = { id: string; name: string; function: string; organisation: string | null; email: string | null };

export function PilotContactsTable({
  contacts,
  hiddenCaption,
  remove,
}: {
  contacts: readonly Contact[];
  hiddenCaption?: boolean;
  /** The removal form of a contact, in a last column. */
  remove?: (contact: Contact) => ReactNode;
}) {
  return (
    <DataTable
      caption="Contacts du pilote"
      hiddenCaption={hiddenCaption}
      columns={["Nom", "Fonction", "Organisation", "Adresse électronique", ...(remove ? ["Action"] : [])]}
      rows={contacts}
      empty="Aucun contact n'est enregistré."
      row={(c) => (
        <tr key={c.id}>
          <th scope="row">{c.name}</th>
          <td>{c.function}</td>
          <td>{c.organisation ?? "—"}</td>
          <td>{c.email ?? "—"}</td>
          {remove ? <td>{remove(c)}</td> : null}
        </tr>
      )}
    />
  );
}
