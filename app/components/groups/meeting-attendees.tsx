import { DataTable } from "~/components/data-table";
import { TitledSection } from "~/components/groups/titled-section";

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
    <TitledSection id="participants-titre" title="Participants" className="fr-mt-4w">
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
    </TitledSection>
  );
}
