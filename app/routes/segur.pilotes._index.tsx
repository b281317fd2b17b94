/**
 * The board of the Ségur pilots a person may read (the coordinator: all; an ARS or a GRADeS: its
 * region's; a counterpart: its pilots; a pilot's people: their own): progress through the
 * prerequisites, blocked steps by blocker type, certificates and cards expiring within 90 days,
 * 002's objectives matrix with its legend, and the steps' lead times per channel. Exported by
 * /segur/pilotes/export and /segur/delais/export.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { ExportLinks } from "~/components/export-links";
import { TitledSection } from "~/components/groups/titled-section";
import { BoardPilotsTable, PilotCell } from "~/components/segur/board-prerequisites";
import { ObjectiveLegend, ObjectiveMatrix } from "~/components/segur/objective-matrix";
import { coordinatesSegur } from "~/modules/segur/policy.server";
import { pilotsBoard } from "~/modules/segur/queries/board-page.server";
import { LEAD_TIME_LABELS, leadTimeChannelLabel, roundedDays } from "~/modules/segur/lead-times";
import { BLOCKER_VOCABULARY, CREDENTIAL_KIND_VOCABULARY, STEP_VOCABULARY } from "~/modules/segur/vocabulary";
import { requireUserWith } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { dayLabel } from "~/utils/format";
import { parisDate } from "~/utils/working-days";

export const meta: MetaFunction = () => [{ title: "Tableau des pilotes Ségur — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:segur-board");
  const board = await pilotsBoard(user, parisDate(now()));
  return {
    ...board,
    createsPilots: coordinatesSegur(user),
    matrix: board.matrix.map(({ pilotCode, pilotName, ...row }) => ({
      ...row,
      pilot: { code: pilotCode, name: pilotName },
    })),
  };
}

/** "12", "12,5": a mean or a median of days, to one decimal. */
const days = (n: number) => roundedDays(n).toLocaleString("fr-FR");

export default function PilotsBoard() {
  const { pilots, blockedByType, expiring, matrix, leadTimes, createsPilots } = useLoaderData<typeof loader>();
  const count = pilots.length;
  return (
    <>
      <h1>Tableau des pilotes Ségur</h1>
      <p className="fr-text--lead">
        {count === 0
          ? "Aucun pilote Ségur numérique ne vous est ouvert."
          : `${count} pilote${count > 1 ? "s" : ""} Ségur numérique : avancement des prérequis, blocages, échéances des certificats et cartes, objectifs atteints.`}
      </p>
      {createsPilots ? (
        <p>
          <Link className="fr-btn fr-btn--icon-left fr-icon-add-line fr-mr-2w" to="/segur/pilotes/nouveau">
            Créer un pilote
          </Link>
          <Link className="fr-btn fr-btn--secondary" to="/segur/etablissements">
            Registre des établissements
          </Link>
        </p>
      ) : null}

      <TitledSection id="prerequis-titre" title="Avancement des prérequis">
        <BoardPilotsTable pilots={pilots} />
      </TitledSection>

      <TitledSection id="blocages-titre" title="Étapes bloquées par type de blocage" className="fr-mt-4w">
        {blockedByType.length === 0 ? (
          <p>Aucune étape bloquée.</p>
        ) : (
          <ul>
            {blockedByType.map((b) => (
              <li key={b.blocker}>
                {BLOCKER_VOCABULARY.labels[b.blocker]} : <strong>{b.count}</strong> étape{b.count > 1 ? "s" : ""}
              </li>
            ))}
          </ul>
        )}
      </TitledSection>

      <TitledSection id="expirations-titre" title="Certificats et cartes expirant sous 90 jours" className="fr-mt-4w">
        <DataTable
          caption="Certificats et cartes expirant sous 90 jours"
          hiddenCaption
          columns={["Expire le", "Pilote", "Établissement", "Certificat ou carte"]}
          rows={expiring}
          empty="Aucun certificat ni aucune carte n'expire dans les 90 jours."
          row={(c) => (
            <tr key={`${c.pilotId}|${c.id}`}>
              <td>{dayLabel(c.expiresOn)}</td>
              <PilotCell code={c.pilotCode} name={c.pilotName} />
              <td>{c.establishment}</td>
              <td>{CREDENTIAL_KIND_VOCABULARY.labelOf(c.kind)}</td>
            </tr>
          )}
        />
      </TitledSection>

      <TitledSection id="objectifs-titre" title="Objectifs par établissement et service" className="fr-mt-4w">
        <ObjectiveLegend />
        <ObjectiveMatrix caption="Objectifs des pilotes par établissement et service socle" rows={matrix} />
      </TitledSection>

      <TitledSection id="delais-titre" title="Délais d'obtention des prérequis" className="fr-mt-4w">
        <p className="fr-text--sm">{LEAD_TIME_LABELS.basis}</p>
        <DataTable
          caption="Délais d'obtention des prérequis par étape et par canal"
          hiddenCaption
          columns={["Étape", "Canal", LEAD_TIME_LABELS.count, LEAD_TIME_LABELS.mean, LEAD_TIME_LABELS.median]}
          rows={leadTimes}
          empty="Aucune étape obtenue avec ses dates de demande et d'obtention."
          row={(r) => (
            <tr key={`${r.stepCode}|${r.channel ?? ""}`}>
              <td>
                {r.channel === null ? (
                  <strong>{STEP_VOCABULARY.labels[r.stepCode]}</strong>
                ) : (
                  // Written once per step for the eye; said on each row for a screen reader.
                  <span className="fr-sr-only">{STEP_VOCABULARY.labels[r.stepCode]}</span>
                )}
              </td>
              <td>{leadTimeChannelLabel(r.channel)}</td>
              <td>{r.count}</td>
              <td>{days(r.meanDays)}</td>
              <td>{days(r.medianDays)}</td>
            </tr>
          )}
        />
        <ExportLinks to="/segur/delais/export" what="les délais d'obtention" />
      </TitledSection>

      <ExportLinks to="/segur/pilotes/export" what="le tableau des pilotes" />
    </>
  );
}
