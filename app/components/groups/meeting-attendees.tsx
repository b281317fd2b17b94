import { DataTable } from "~/components/data-table";

/** Who attended a meeting, as the 2007 minutes list them: name, département, organisation, address. */
export function MeetingAttendees({
  attendees,
}: {
  attendees: {
    id: string;
    lastName: string;
    firstName: string;
    departement: string;
    organisation: string;
    email: string;
  }[];
}) {
  return (
    <section aria-labelledby="participants-titre" className="fr-mt-4w">
      <h2 id="participants-titre" className="fr-h4">
        Participants
      </h2>
      {attendees.length === 0 ? (
        <p>Aucun participant n'est enregistré.</p>
      ) : (
        <DataTable
          hiddenCaption
          caption={`${attendees.length} participant${attendees.length > 1 ? "s" : ""}`}
          columns={["Nom", "Prénom", "Département", "Organisation", "Courriel"]}
          rows={attendees}
          row={(a) => (
            <tr key={a.id}>
              <th scope="row">{a.lastName}</th>
              <td>{a.firstName}</td>
              <td>{a.departement}</td>
              <td>{a.organisation}</td>
              <td>
                <a href={`mailto:${a.email}`}>{a.email}</a>
              </td>
            </tr>
          )}
        />
      )}
    </section>
  );
}
