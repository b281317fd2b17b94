/**
 * The pages `npm run bench` measures, and each one's frozen floor: the minimal SQL that yields
 * exactly what the page shows to that person, written by hand once (issue 10), so that a
 * wasteful loader cannot lower its own bar. Statements use named parameters: `@session` (the
 * signed-in person's session id), `@today` (Paris date), `@now` (ISO instant) and the page's
 * own (`params`); scripts/bench-pages.ts binds them and runs the statements with better-sqlite3.
 *
 * Every page's floor starts with what the layout shows of the person (SESSION): the session
 * checked, the person, their organisation, their roles and whether they sit in a work group.
 */
import type Database from "better-sqlite3";
import type { FloorStatement, PageCase } from "./bench-pages";

/** The session, the person and organisation the layout names, and the roles its menu follows. */
const SESSION: FloorStatement[] = [
  {
    sql: `SELECT s.id, s.secretHash, s.expiresAt, s.absoluteExpiresAt, s.lastActivityAt, s.twoFactorVerified,
            u.id AS userId, u.email, u.firstName, u.lastName, u.active, u.totpEnabledAt,
            o.id AS organisationId, o.code, o.kind, o.name, o.shortName, o.departementCode, o.active AS organisationActive,
            (SELECT group_concat(r.role) FROM UserRole r WHERE r.userId = u.id) AS roles,
            EXISTS (SELECT 1 FROM WorkGroupMember m WHERE m.organisationId = o.id)
              OR EXISTS (SELECT 1 FROM WorkGroup g WHERE g.pilotOrganisationId = o.id) AS inWorkGroup
          FROM Session s JOIN User u ON u.id = s.userId JOIN Organisation o ON o.id = u.organisationId
          WHERE s.id = @session`,
  },
];

export const BENCH_ACCOUNTS = {
  coordinator: "camille.durand@cnsa.example",
  director: "claire.moreau@mdph53.example",
  dagemo: "isabelle.roux@dagemo.example",
  /** Scripts/benchmark-segur.ts: a person of the first pilot's establishment, and a reader of the ARS de Bretagne. */
  segurPilot: "segur1@banc.example",
  segurReader: "ars@banc.example",
} as const;

/** The MDPH director's home: the MDPH, its team, its reprise requests and avenants, the RFC cycles awaiting it. */
const MDPH_HOME: FloorStatement[] = [
  {
    sql: `SELECT o.name, d.code, d.name AS departement, d.opalesCentre
          FROM Organisation o LEFT JOIN Departement d ON d.code = o.departementCode WHERE o.id = @organisation`,
  },
  {
    sql: `SELECT u.id, u.firstName, u.lastName, u.jobTitle, group_concat(r.role) AS roles
          FROM User u LEFT JOIN UserRole r ON r.userId = u.id
          WHERE u.organisationId = @organisation AND u.active = 1
          GROUP BY u.id ORDER BY u.lastName, u.firstName`,
  },
  {
    // Open or accepted requests with the projected dates their next deadline reads.
    sql: `SELECT rr.id, rr.reference, rr.application, rr.desiredDate, w.status,
            (SELECT json_group_object(f.name, f.value) FROM WorkflowField f WHERE f.workflowId = w.id) AS fields
          FROM RepriseRequest rr JOIN WorkflowInstance w ON w.id = rr.workflowId
          WHERE rr.organisationId = @organisation
            AND (w.status = 'acceptee' OR EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = w.id AND t.tag = 'ouverte'))
          ORDER BY rr.application, rr.priority`,
  },
  {
    sql: `SELECT s.application, s.requestDeadline FROM AvenantSignature s
          WHERE s.organisationId = @organisation AND NOT EXISTS (SELECT 1 FROM RepriseRequest r WHERE r.signatureId = s.id)`,
  },
  { sql: `SELECT value FROM Setting WHERE key = 'reprise.envoi'` },
  { sql: `SELECT application, month FROM RepriseCampaign WHERE month >= substr(@today, 1, 7)` },
  {
    sql: `SELECT r.number, r.title, g.name AS groupName, v.number AS version, v.deadline
          FROM RfcVersion v JOIN WorkflowInstance w ON w.id = v.workflowId
            JOIN Rfc r ON r.id = v.rfcId JOIN WorkGroup g ON g.id = r.groupId
          WHERE w.status = 'ouvert' AND v.deadline > @now
            AND EXISTS (SELECT 1 FROM RfcInvitation i WHERE i.versionId = v.id AND i.organisationId = @organisation)
            AND NOT EXISTS (SELECT 1 FROM RfcComment c WHERE c.versionId = v.id AND c.organisationId = @organisation
                              AND c.parentId IS NULL AND c.deletedAt IS NULL)
          ORDER BY v.deadline`,
  },
  {
    sql: `SELECT r.number, r.title, r.adoptedAt FROM Rfc r
          WHERE r.status = 'ADOPTEE'
            AND NOT EXISTS (SELECT 1 FROM RfcPosition p WHERE p.rfcId = r.id AND p.organisationId = @organisation)
          ORDER BY r.adoptedAt DESC`,
  },
];

/** Every group's letter deadline and deliverables, for the CNSA and the steering body. */
const DELIVERABLES: FloorStatement[] = [
  {
    sql: `SELECT g.code, g.name, g.kind, g.letterDueOn, w.status,
            (SELECT f.value FROM WorkflowField f WHERE f.workflowId = w.id AND f.name = 'validatedAt') AS validatedAt
          FROM WorkGroup g JOIN WorkflowInstance w ON w.id = g.workflowId
          WHERE g.letterDueOn IS NOT NULL ORDER BY g.letterDueOn`,
  },
  {
    sql: `SELECT d.title, d.dueOn, d.validationDays, g.code, g.name, g.kind, w.status
          FROM Deliverable d JOIN WorkGroup g ON g.id = d.groupId JOIN WorkflowInstance w ON w.id = g.workflowId
          ORDER BY d.dueOn, g.name, d.title`,
  },
];

/** The lists a State service received (all, or the five newest), with their files' names but not their content. */
const receivedLists = (limit: string): FloorStatement[] => [
  {
    sql: `SELECT c.id, c.month, c.dispatchedAt, c.early, c.late, c.answerDeadline,
            (SELECT count(*) FROM RepriseCampaignItem i WHERE i.campaignId = c.id) AS requests,
            (SELECT json_group_array(json_object('id', f.id, 'scope', f.scope, 'filename', f.filename))
               FROM RepriseCampaignFile f WHERE f.campaignId = c.id) AS files
          FROM RepriseCampaign c
          WHERE c.application = @application AND EXISTS (SELECT 1 FROM RepriseCampaignItem i WHERE i.campaignId = c.id)
          ORDER BY c.month DESC ${limit}`,
  },
];

/** The requests a State service sees (a list carried them), as its tables show them; `where` narrows them. */
const serviceRequests = (where: string): FloorStatement[] => [
  {
    sql: `SELECT rr.id, rr.reference, rr.application, o.name AS mdph, rr.departementCode, d.opalesCentre,
            w.status, rr.requestDate, rr.desiredDate,
            (SELECT json_group_object(f.name, f.value) FROM WorkflowField f WHERE f.workflowId = w.id) AS fields
          FROM RepriseRequest rr JOIN WorkflowInstance w ON w.id = rr.workflowId
            JOIN Organisation o ON o.id = rr.organisationId LEFT JOIN Departement d ON d.code = rr.departementCode
          WHERE rr.application = @application
            AND EXISTS (SELECT 1 FROM RepriseCampaignItem i WHERE i.requestId = rr.id) ${where}
          ORDER BY rr.priority`,
  },
];

/** The State service's home: its organisation, the five newest lists and the requests awaiting its answer. */
const STATE_HOME: FloorStatement[] = [
  {
    sql: `SELECT o.name, p.name AS parent FROM Organisation o LEFT JOIN Organisation p ON p.id = o.parentId
          WHERE o.id = @organisation`,
  },
  ...receivedLists("LIMIT 5"),
  {
    sql: `SELECT count(*) FROM RepriseCampaign c WHERE c.application = @application
            AND EXISTS (SELECT 1 FROM RepriseCampaignItem i WHERE i.campaignId = c.id)`,
  },
  ...serviceRequests("AND EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = w.id AND t.tag = 'attenteEtat')"),
];

/** The State service's reprise page: every list received and every request they carried. */
const STATE_REPRISES: FloorStatement[] = [...receivedLists(""), ...serviceRequests("")];

/** A group's page: the group and its letter, members, deliverables, meetings, actions, RFCs and history. */
const GROUP_PAGE: FloorStatement[] = [
  {
    sql: `SELECT g.id, g.code, g.name, g.kind, g.missionLetter, g.letterDueOn, g.letterUpdatedAt, g.distributionLists,
            g.vendorsJoin, w.status, w.rowVersion, p.name AS pilot, p.shortName AS pilotShortName,
            (SELECT json_group_object(f.name, f.value) FROM WorkflowField f WHERE f.workflowId = w.id) AS fields
          FROM WorkGroup g JOIN WorkflowInstance w ON w.id = g.workflowId
            LEFT JOIN Organisation p ON p.id = g.pilotOrganisationId
          WHERE g.id = @group`,
  },
  {
    sql: `SELECT o.id, o.name, o.shortName, m.role FROM WorkGroupMember m JOIN Organisation o ON o.id = m.organisationId
          WHERE m.groupId = @group ORDER BY o.name`,
  },
  { sql: `SELECT id, title, dueOn, validationDays FROM Deliverable WHERE groupId = @group ORDER BY position` },
  {
    sql: `SELECT m.id, m.startsAt, m.place,
            (SELECT count(*) FROM MeetingAttendee a WHERE a.meetingId = m.id) AS attendees,
            (SELECT count(*) FROM ActionItem a WHERE a.meetingId = m.id) AS actions
          FROM Meeting m WHERE m.groupId = @group ORDER BY m.startsAt`,
  },
  {
    sql: `SELECT a.id, a.title, a.dueOn, w.status,
            (SELECT group_concat(o.shortName, ', ') FROM ActionItemOrganisation ao
               JOIN Organisation o ON o.id = ao.organisationId WHERE ao.actionItemId = a.id) AS actors
          FROM ActionItem a JOIN WorkflowInstance w ON w.id = a.workflowId
          WHERE a.groupId = @group ORDER BY a.dueOn, a.title`,
  },
  { sql: `SELECT number, title, status FROM Rfc WHERE groupId = @group ORDER BY number` },
  {
    sql: `SELECT e.at, e.eventType, e.fromStatus, e.toStatus, e.actorLabel FROM WorkflowEvent e
          WHERE e.workflowId = (SELECT workflowId FROM WorkGroup WHERE id = @group) ORDER BY e.seq`,
  },
];

/** The top-level, live comments of the version, oldest first (the order threads are numbered in). */
const LIVE_THREADS = `FROM RfcComment c WHERE c.versionId = @version AND c.parentId IS NULL AND c.deletedAt IS NULL`;

/**
 * A version's page, read by an invited MDPH: the RFC and its version with the frozen text, the
 * first page of 50 threads with their replies, where each highlighted passage sits (for its
 * link to its thread's page), and whether the person's organisation is invited and has answered.
 */
const VERSION_PAGE: FloorStatement[] = [
  {
    sql: `SELECT r.number, r.title, r.status AS rfcStatus, g.code, g.name AS groupName, v.id, v.number AS version, v.content,
            v.changeNote, v.deadline, w.status, w.rowVersion
          FROM RfcVersion v JOIN Rfc r ON r.id = v.rfcId JOIN WorkGroup g ON g.id = r.groupId
            JOIN WorkflowInstance w ON w.id = v.workflowId
          WHERE v.id = @version`,
  },
  {
    sql: `SELECT c.id, c.kind, c.body, c.anchorQuote, c.createdAt, c.updatedAt, c.disposition, c.dispositionReply,
            o.shortName AS organisation, u.firstName, u.lastName,
            (SELECT json_group_array(json_object('id', r.id, 'body', r.body, 'createdAt', r.createdAt,
                      'organisation', ro.shortName, 'firstName', ru.firstName, 'lastName', ru.lastName))
               FROM RfcComment r JOIN Organisation ro ON ro.id = r.organisationId JOIN User ru ON ru.id = r.authorId
               WHERE r.parentId = c.id AND r.deletedAt IS NULL) AS replies
          FROM RfcComment c JOIN Organisation o ON o.id = c.organisationId JOIN User u ON u.id = c.authorId
          WHERE c.versionId = @version AND c.parentId IS NULL AND c.deletedAt IS NULL
          ORDER BY c.createdAt, c.id LIMIT 50`,
  },
  {
    sql: `SELECT id, anchorFrom, anchorTo, rank FROM (
            SELECT c.id, c.anchorFrom, c.anchorTo, row_number() OVER (ORDER BY c.createdAt, c.id) AS rank ${LIVE_THREADS})
          WHERE anchorFrom IS NOT NULL`,
  },
  {
    sql: `SELECT EXISTS (SELECT 1 FROM RfcInvitation i WHERE i.versionId = @version AND i.organisationId = @organisation)
            AS invited,
            EXISTS (SELECT 1 ${LIVE_THREADS} AND c.organisationId = @organisation) AS answered`,
  },
];

/** The disposition table of a version: every live thread with its author, passage, reply count and disposition. */
const DISPOSITIONS_PAGE: FloorStatement[] = [
  {
    sql: `SELECT r.number, r.title, v.number AS version, v.deadline, w.status FROM RfcVersion v JOIN Rfc r ON r.id = v.rfcId
            JOIN WorkflowInstance w ON w.id = v.workflowId WHERE v.id = @version`,
  },
  {
    sql: `SELECT c.id, c.kind, c.body, c.anchorQuote, c.anchorPrefix, c.anchorSuffix, c.createdAt, c.disposition,
            c.dispositionReply, c.disposedAt, o.name AS organisation, u.firstName, u.lastName,
            (SELECT count(*) FROM RfcComment r WHERE r.parentId = c.id AND r.deletedAt IS NULL) AS replies
          FROM RfcComment c JOIN Organisation o ON o.id = c.organisationId JOIN User u ON u.id = c.authorId
          WHERE c.versionId = @version AND c.parentId IS NULL AND c.deletedAt IS NULL
          ORDER BY c.createdAt, c.id`,
  },
];

/**
 * The coordinator's dispatch board, per application: this month's list if it left, the requests
 * the next list will carry (in priority order, with what the list shows of each), the count of
 * open requests per state, the State answers overdue and the validation windows ending within
 * five working days (@soon); the départements without an OPALES centre; the six latest lists.
 */
const DISPATCH_BOARD: FloorStatement[] = [
  { sql: `SELECT value FROM Setting WHERE key = 'reprise.envoi'` },
  { sql: `SELECT application, dispatchedAt, early, late FROM RepriseCampaign WHERE month = @month` },
  {
    sql: `SELECT rr.id, rr.application, rr.reference, o.name AS mdph, rr.departementCode, d.opalesCentre,
            rr.desiredDate, rr.requestDate, rr.priority, rr.coordinatorNote, w.status,
            (SELECT json_group_object(f.name, f.value) FROM WorkflowField f WHERE f.workflowId = w.id) AS fields
          FROM RepriseRequest rr JOIN WorkflowInstance w ON w.id = rr.workflowId
            JOIN Organisation o ON o.id = rr.organisationId LEFT JOIN Departement d ON d.code = rr.departementCode
          WHERE EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = w.id AND t.tag = 'aInscrire')
            AND NOT EXISTS (SELECT 1 FROM WorkflowField f WHERE f.workflowId = w.id
              AND ((f.name = 'finalDate' AND f.value >= @today) OR (f.name = 'campaignMonth' AND f.value = @month)))
            AND NOT (EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = w.id AND t.tag = 'attenteEtat')
              AND EXISTS (SELECT 1 FROM WorkflowField f WHERE f.workflowId = w.id AND f.name = 'answerDeadline'
                AND f.value >= @today))
          ORDER BY rr.application, rr.priority, rr.createdAt`,
  },
  {
    sql: `SELECT rr.application, w.status, count(*) FROM RepriseRequest rr JOIN WorkflowInstance w ON w.id = rr.workflowId
          WHERE EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = w.id AND t.tag = 'ouverte')
          GROUP BY rr.application, w.status`,
  },
  {
    sql: `SELECT rr.id, rr.application, rr.reference, o.name AS mdph, f.name, f.value AS deadline
          FROM RepriseRequest rr JOIN Organisation o ON o.id = rr.organisationId
            JOIN WorkflowTag t ON t.workflowId = rr.workflowId JOIN WorkflowField f ON f.workflowId = rr.workflowId
          WHERE (t.tag = 'attenteEtat' AND f.name = 'answerDeadline' AND f.value < @today)
             OR (t.tag = 'attenteValidation' AND f.name = 'validationDeadline' AND f.value <= @soon)`,
  },
  { sql: `SELECT code, name FROM Departement WHERE opalesCentre IS NULL ORDER BY code` },
  {
    sql: `SELECT c.id, c.application, c.month, c.dispatchedAt, c.early, c.late, c.answerDeadline,
            (SELECT count(*) FROM RepriseCampaignItem i WHERE i.campaignId = c.id) AS requests
          FROM RepriseCampaign c ORDER BY c.month DESC, c.application LIMIT 6`,
  },
];

/** The open action items past their due day (@today), oldest first. */
const OVERDUE_ACTIONS = `FROM ActionItem a JOIN WorkflowInstance w ON w.id = a.workflowId
  WHERE a.dueOn < @today AND EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = w.id AND t.tag = 'ouverte')`;

/** The cycles open now, and the organisations invited to them with whether each answered. */
const OPEN_INVITATIONS = `WITH open AS (
    SELECT v.id FROM RfcVersion v JOIN WorkflowInstance w ON w.id = v.workflowId
    WHERE w.status = 'ouvert' AND v.deadline > @now),
  rates AS (
    SELECT i.organisationId, count(*) AS invited,
      sum(EXISTS (SELECT 1 FROM RfcComment c WHERE c.versionId = i.versionId AND c.organisationId = i.organisationId
                    AND c.parentId IS NULL AND c.deletedAt IS NULL)) AS answered
    FROM RfcInvitation i JOIN open ON open.id = i.versionId GROUP BY i.organisationId)`;

/**
 * The coordinator's home, each panel's few rows and its total: organisations and people, the
 * départements without an OPALES centre, each application's next list in figures, the response
 * rates of open cycles, the cycles to pilot, overdue actions and late mission letters.
 */
const CNSA_HOME: FloorStatement[] = [
  { sql: `SELECT kind, count(*) FROM Organisation WHERE active = 1 GROUP BY kind` },
  { sql: `SELECT count(*), sum(active = 1 AND passwordHash IS NOT NULL) FROM User` },
  { sql: `SELECT code, name FROM Departement WHERE opalesCentre IS NULL ORDER BY code` },
  { sql: `SELECT value FROM Setting WHERE key = 'reprise.envoi'` },
  { sql: `SELECT application, dispatchedAt, early FROM RepriseCampaign WHERE month = @month` },
  {
    sql: `SELECT rr.application, w.status, count(*) AS n,
            sum(EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = w.id AND t.tag = 'aInscrire')) AS listed
          FROM RepriseRequest rr JOIN WorkflowInstance w ON w.id = rr.workflowId
          WHERE EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = w.id AND t.tag = 'ouverte')
          GROUP BY rr.application, w.status`,
  },
  {
    sql: `SELECT rr.application, t.tag, count(*) FROM RepriseRequest rr
            JOIN WorkflowTag t ON t.workflowId = rr.workflowId JOIN WorkflowField f ON f.workflowId = rr.workflowId
          WHERE (t.tag = 'attenteEtat' AND f.name = 'answerDeadline' AND f.value < @today)
             OR (t.tag = 'attenteValidation' AND f.name = 'validationDeadline' AND f.value <= @soon)
          GROUP BY rr.application, t.tag`,
  },
  {
    sql: `${OPEN_INVITATIONS}
          SELECT o.id, o.name, rates.invited, rates.answered FROM rates JOIN Organisation o ON o.id = rates.organisationId
          ORDER BY 1.0 * rates.answered / rates.invited, o.name LIMIT 10`,
  },
  { sql: `${OPEN_INVITATIONS} SELECT count(*) FROM rates` },
  {
    sql: `SELECT r.number, r.title, g.name AS groupName, v.number AS version, w.status, v.deadline,
            (SELECT count(*) FROM RfcComment c WHERE c.versionId = v.id AND c.parentId IS NULL AND c.deletedAt IS NULL)
              AS comments,
            (SELECT count(*) FROM RfcComment c WHERE c.versionId = v.id AND c.parentId IS NULL AND c.deletedAt IS NULL
               AND c.disposition IS NULL) AS undisposed
          FROM RfcVersion v JOIN WorkflowInstance w ON w.id = v.workflowId JOIN Rfc r ON r.id = v.rfcId
            JOIN WorkGroup g ON g.id = r.groupId
          WHERE EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = w.id AND t.tag = 'enCours')
          ORDER BY CASE w.status WHEN 'clos' THEN 0 WHEN 'ouvert' THEN 1 ELSE 2 END, v.deadline, r.number LIMIT 10`,
  },
  {
    sql: `SELECT count(*) FROM RfcVersion v
          WHERE EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = v.workflowId AND t.tag = 'enCours')`,
  },
  {
    sql: `SELECT a.id, a.title, a.dueOn, g.code, g.name AS groupName,
            (SELECT group_concat(o.shortName, ', ') FROM ActionItemOrganisation ao
               JOIN Organisation o ON o.id = ao.organisationId WHERE ao.actionItemId = a.id) AS actors
          ${OVERDUE_ACTIONS.replace("JOIN WorkflowInstance", "JOIN WorkGroup g ON g.id = a.groupId JOIN WorkflowInstance")}
          ORDER BY a.dueOn, a.createdAt LIMIT 10`,
  },
  { sql: `SELECT count(*) ${OVERDUE_ACTIONS}` },
  {
    sql: `SELECT g.code, g.name, g.letterDueOn, w.status, p.shortName AS pilot
          FROM WorkGroup g JOIN WorkflowInstance w ON w.id = g.workflowId
            LEFT JOIN Organisation p ON p.id = g.pilotOrganisationId
          WHERE g.letterDueOn < @today
            AND EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = w.id AND t.tag = 'enConstitution')
            AND EXISTS (SELECT 1 FROM WorkflowField f WHERE f.workflowId = w.id AND f.name = 'validatedAt'
                          AND f.value IS NULL)
          ORDER BY g.letterDueOn, g.name`,
  },
];

/**
 * The calendar's month grid (@from to @to, Paris days; @fromInstant to @toInstant): the
 * meetings, open actions' due days, deliverables, mission letters due and RFC deadlines of the
 * groups the person reads, and the dated steps of the reprise requests they see; the monthly
 * lists and the Ségur pilots' expiries for the coordinator, the avenants' deadlines for a director. Public holidays are
 * computed, not read. `everything`: the coordinator, who reads every group and request.
 */
function calendarFloor(everything: boolean): FloorStatement[] {
  // An organisation on the steering body reads every group (readableGroupIds): the bench's
  // director's MDPH sits on it.
  const groups = everything
    ? "1 = 1"
    : `(g.id IN (SELECT groupId FROM WorkGroupMember WHERE organisationId = @organisation
                 UNION SELECT id FROM WorkGroup WHERE pilotOrganisationId = @organisation)
        OR EXISTS (SELECT 1 FROM WorkGroupMember sm JOIN WorkGroup s ON s.id = sm.groupId
                   WHERE s.code = 'instance-pilotage' AND sm.organisationId = @organisation))`;
  const requests = everything ? "1 = 1" : "rr.organisationId = @organisation";
  const rfcs = everything
    ? "1 = 1"
    : `(${groups} OR v.id IN (SELECT versionId FROM RfcInvitation WHERE organisationId = @organisation))`;
  return [
    {
      sql: `SELECT m.id, m.startsAt, m.endsAt, m.place, g.code, g.name FROM Meeting m JOIN WorkGroup g ON g.id = m.groupId
            WHERE ${groups} AND m.startsAt < @toInstant AND m.endsAt > @fromInstant`,
    },
    {
      sql: `SELECT a.id, a.title, a.dueOn, w.status, g.code, g.name,
              (SELECT group_concat(o.shortName, ', ') FROM ActionItemOrganisation ao
                 JOIN Organisation o ON o.id = ao.organisationId WHERE ao.actionItemId = a.id) AS actors
            FROM ActionItem a JOIN WorkGroup g ON g.id = a.groupId JOIN WorkflowInstance w ON w.id = a.workflowId
            WHERE ${groups} AND a.dueOn BETWEEN @from AND @to
              AND EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = w.id AND t.tag = 'ouverte')`,
    },
    {
      // A validation period is at most a few weeks: deliverables due from two months before the grid on.
      sql: `SELECT d.id, d.title, d.dueOn, d.validationDays, g.code, g.name FROM Deliverable d
              JOIN WorkGroup g ON g.id = d.groupId
            WHERE ${groups} AND d.dueOn BETWEEN date(@from, '-2 months') AND @to`,
    },
    {
      sql: `SELECT g.code, g.name, g.letterDueOn FROM WorkGroup g
            WHERE ${groups} AND g.letterDueOn BETWEEN @from AND @to
              AND EXISTS (SELECT 1 FROM WorkflowField f WHERE f.workflowId = g.workflowId AND f.name = 'validatedAt'
                            AND f.value IS NULL)`,
    },
    {
      sql: `SELECT v.id, v.number AS version, v.deadline, r.number, r.title, g.name AS groupName
            FROM RfcVersion v JOIN Rfc r ON r.id = v.rfcId JOIN WorkGroup g ON g.id = r.groupId
              JOIN WorkflowInstance w ON w.id = v.workflowId
            WHERE w.status <> 'brouillon' AND v.deadline >= @fromInstant AND v.deadline < @toInstant AND ${rfcs}`,
    },
    {
      sql: `SELECT rr.id, rr.reference, rr.application, rr.desiredDate, w.status,
              (SELECT json_group_object(f.name, f.value) FROM WorkflowField f WHERE f.workflowId = w.id) AS fields
            FROM RepriseRequest rr JOIN WorkflowInstance w ON w.id = rr.workflowId
            WHERE ${requests} AND (rr.desiredDate BETWEEN @from AND @to
              OR EXISTS (SELECT 1 FROM WorkflowField f WHERE f.workflowId = w.id AND f.value BETWEEN @from AND @to))`,
    },
    // The Ségur pilots' expiries: the coordinator reads every pilot, an MDPH director none.
    ...(everything
      ? [
          {
            sql: `SELECT c.id, c.kind, e.name, c.reference, c.issuedOn, c.expiresOn, h.firstName, h.lastName,
                    k.firstName, k.lastName, min(p.code) AS pilot
                  FROM SegurCredential c JOIN LegalEntity e ON e.id = c.legalEntityId
                    JOIN Site s ON s.legalEntityId = c.legalEntityId JOIN SegurPilotSite ps ON ps.siteId = s.id
                    JOIN SegurPilot p ON p.id = ps.pilotId
                    LEFT JOIN DesignatedPerson h ON h.id = c.holderId LEFT JOIN DesignatedPerson k ON k.id = c.passwordKeeperId
                  WHERE c.expiresOn BETWEEN @from AND @to
                    AND NOT EXISTS (SELECT 1 FROM SegurCredential l WHERE l.legalEntityId = c.legalEntityId
                                      AND l.kind = c.kind AND l.holderId IS c.holderId AND l.expiresOn > c.expiresOn)
                  GROUP BY c.id`,
          },
        ]
      : []),
    everything
      ? {
          sql: `SELECT c.application, c.month, c.dispatchedAt, c.early, c.answerDeadline,
                  (SELECT count(*) FROM RepriseCampaignItem i WHERE i.campaignId = c.id) AS requests,
                  (SELECT value FROM Setting WHERE key = 'reprise.envoi') AS settings
                FROM RepriseCampaign c WHERE c.month BETWEEN substr(@from, 1, 7) AND substr(@to, 1, 7)`,
        }
      : {
          sql: `SELECT s.id, s.application, s.signedOn, s.requestDeadline,
                  EXISTS (SELECT 1 FROM RepriseRequest r WHERE r.signatureId = s.id) AS requested
                FROM AvenantSignature s WHERE s.organisationId = @organisation AND s.requestDeadline BETWEEN @from AND @to`,
        },
  ];
}

/** A Ségur pilot's steps with their subjects and projected facts, and the obtained steps of its legal entities (the graph's gate). */
const segurSteps = (pilots: string): FloorStatement[] => [
  {
    sql: `SELECT s.id, s.pilotId, s.stepCode, s.legalEntityId, e.name AS legalEntity, s.siteId, site.name AS site,
            s.designatedPersonId, p.firstName, p.lastName, w.status, w.rowVersion,
            (SELECT json_group_object(f.name, f.value) FROM WorkflowField f WHERE f.workflowId = w.id) AS fields
          FROM SegurStep s JOIN WorkflowInstance w ON w.id = s.workflowId JOIN LegalEntity e ON e.id = s.legalEntityId
            LEFT JOIN Site site ON site.id = s.siteId LEFT JOIN DesignatedPerson p ON p.id = s.designatedPersonId
          WHERE s.pilotId IN (${pilots})`,
  },
  {
    sql: `SELECT s.stepCode, s.legalEntityId, s.siteId, s.designatedPersonId FROM SegurStep s
          WHERE s.legalEntityId IN (SELECT site.legalEntityId FROM SegurPilotSite ps JOIN Site site ON site.id = ps.siteId
                                    WHERE ps.pilotId IN (${pilots}))
            AND EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = s.workflowId AND t.tag = 'obtenue')`,
  },
];

/** The objectives of Ségur pilots with their projected outcome, combined per service by the page. */
const segurObjectives = (pilots: string): FloorStatement => ({
  sql: `SELECT o.pilotId, o.service, o.what, f.value AS outcome FROM SegurObjective o
          LEFT JOIN WorkflowField f ON f.workflowId = o.workflowId AND f.name = 'outcome'
        WHERE o.pilotId IN (${pilots})`,
});

/** The certificates and cards of the Ségur pilots' legal entities, with who holds them or keeps their password. */
const segurCredentials = (pilots: string, window: string): FloorStatement => ({
  sql: `SELECT c.id, c.kind, e.name, c.reference, c.issuedOn, c.expiresOn, h.firstName, h.lastName, k.firstName, k.lastName
        FROM SegurCredential c JOIN LegalEntity e ON e.id = c.legalEntityId
          LEFT JOIN DesignatedPerson h ON h.id = c.holderId LEFT JOIN DesignatedPerson k ON k.id = c.passwordKeeperId
        WHERE c.legalEntityId IN (SELECT site.legalEntityId FROM SegurPilotSite ps JOIN Site site ON site.id = ps.siteId
                                  WHERE ps.pilotId IN (${pilots})) ${window}
        ORDER BY c.expiresOn`,
});

/** The Ségur pilot's home: its pilots, the steps that can start and the blocked ones, expiries within 90 days, objectives. */
const SEGUR_VISIBLE = `SELECT p.id FROM SegurPilot p WHERE EXISTS (SELECT 1 FROM SegurPilotOrganisation po
                         WHERE po.pilotId = p.id AND po.organisationId = @organisation)`;
const SEGUR_HOME: FloorStatement[] = [
  {
    sql: `SELECT p.id, p.code, p.name FROM SegurPilot p WHERE p.id IN (${SEGUR_VISIBLE}) ORDER BY p.name`,
  },
  ...segurSteps(SEGUR_VISIBLE),
  segurCredentials(
    SEGUR_VISIBLE,
    `AND c.expiresOn BETWEEN @today AND date(@today, '+90 days')
     AND NOT EXISTS (SELECT 1 FROM SegurCredential l WHERE l.legalEntityId = c.legalEntityId AND l.kind = c.kind
                       AND l.holderId IS c.holderId AND l.expiresOn > c.expiresOn)`,
  ),
  segurObjectives(SEGUR_VISIBLE),
];

/** A Ségur pilot's page: who may read it, its header, establishments, people, steps, credentials and objectives. */
const SEGUR_PILOT_PAGE: FloorStatement[] = [
  {
    sql: `SELECT p.id, p.name, (SELECT group_concat(po.organisationId || ':' || po.role) FROM SegurPilotOrganisation po
            WHERE po.pilotId = p.id) AS organisations FROM SegurPilot p WHERE p.code = @code`,
  },
  {
    sql: `SELECT p.sector, p.startsOn, p.endsOn, w.status, d.code, d.name, sp.name, sp.sonsReferencedVersion,
            sp.sonsReferencedOn, v.name, g.id, g.name, g.kind, g.peopleSupported, g.steeringCommittee, g.amo, g.digitalMediator
          FROM SegurPilot p LEFT JOIN WorkflowInstance w ON w.id = p.workflowId
            LEFT JOIN Departement d ON d.code = p.departementCode LEFT JOIN SoftwareProduct sp ON sp.id = p.productId
            LEFT JOIN Organisation v ON v.id = sp.vendorId LEFT JOIN Grappe g ON g.id = p.grappeId
          WHERE p.id = @pilot`,
  },
  {
    sql: `SELECT site.id, site.name, site.finess, site.category, d.code, d.name, wave.name,
            e.id, e.name, e.finess, e.serviceEmail
          FROM SegurPilotSite ps JOIN Site site ON site.id = ps.siteId JOIN LegalEntity e ON e.id = site.legalEntityId
            JOIN Departement d ON d.code = site.departementCode LEFT JOIN GrappeWave wave ON wave.id = ps.waveId
          WHERE ps.pilotId = @pilot`,
  },
  {
    sql: `SELECT po.role, o.name FROM SegurPilotOrganisation po JOIN Organisation o ON o.id = po.organisationId
          WHERE po.pilotId = @pilot`,
  },
  {
    sql: `SELECT c.name, c.function, c.email, o.shortName FROM SegurContact c
            LEFT JOIN Organisation o ON o.id = c.organisationId WHERE c.pilotId = @pilot`,
  },
  {
    sql: `SELECT p.id, p.legalEntityId, p.role, p.firstName, p.lastName, p.designatedOn, p.leftOn FROM DesignatedPerson p
          WHERE p.legalEntityId IN (SELECT site.legalEntityId FROM SegurPilotSite ps JOIN Site site ON site.id = ps.siteId
                                    WHERE ps.pilotId = @pilot)`,
  },
  ...segurSteps("@pilot"),
  segurCredentials("@pilot", ""),
  segurObjectives("@pilot"),
];

/**
 * A Ségur pilot's record page, for the coordinator: who may manage it, its settings with its
 * machine's snapshot (the life events offered), organisations, contacts, waves, legal entities,
 * and the settings form's choices (départements, products, ESSMS and Conseils départementaux).
 */
const SEGUR_RECORD_PAGE: FloorStatement[] = [
  SEGUR_PILOT_PAGE[0]!,
  {
    sql: `SELECT p.name, p.sector, p.departementCode, p.startsOn, p.endsOn, p.productId, g.name,
            w.id, w.type, w.machineVersion, w.snapshot, w.status, w.rowVersion
          FROM SegurPilot p LEFT JOIN WorkflowInstance w ON w.id = p.workflowId LEFT JOIN Grappe g ON g.id = p.grappeId
          WHERE p.id = @pilot`,
  },
  {
    sql: `SELECT po.organisationId, po.role, o.name FROM SegurPilotOrganisation po
            JOIN Organisation o ON o.id = po.organisationId WHERE po.pilotId = @pilot ORDER BY o.name`,
  },
  {
    sql: `SELECT c.id, c.name, c.function, c.email, o.name FROM SegurContact c
            LEFT JOIN Organisation o ON o.id = c.organisationId WHERE c.pilotId = @pilot ORDER BY c.name, c.id`,
  },
  {
    sql: `SELECT wave.id, wave.rank, wave.name FROM GrappeWave wave JOIN SegurPilot p ON p.grappeId = wave.grappeId
          WHERE p.id = @pilot ORDER BY wave.rank`,
  },
  {
    sql: `SELECT DISTINCT e.id, e.name, e.finess FROM SegurPilotSite ps JOIN Site site ON site.id = ps.siteId
            JOIN LegalEntity e ON e.id = site.legalEntityId WHERE ps.pilotId = @pilot ORDER BY e.name, e.id`,
  },
  { sql: `SELECT code, name FROM Departement` },
  {
    sql: `SELECT p.id, p.name, v.name FROM SoftwareProduct p JOIN Organisation v ON v.id = p.vendorId
          ORDER BY v.name, p.name`,
  },
  {
    sql: `SELECT id, code, name, shortName, kind, departementCode, active FROM Organisation
          WHERE kind IN ('ESSMS', 'CONSEIL_DEPARTEMENTAL') AND active = 1`,
  },
];

/** The legal entities of each pilot: its sites' (pilot-records.server.ts `pilotLegalEntities`). */
const PILOT_ENTITIES = `pe AS (
    SELECT DISTINCT ps.pilotId, s.legalEntityId FROM SegurPilotSite ps JOIN Site s ON s.id = ps.siteId
      WHERE ps.pilotId IN visible)`;

/**
 * The Ségur pilots board: the pilots the person reads (`visible`, a CTE: all of them, or those of
 * a region), their prerequisites counted per step code, their blocked steps by blocker type, the
 * certificates expiring within 90 days, and the matrix's establishments and objectives.
 */
function segurBoardFloor(visible: string): FloorStatement[] {
  const withVisible = `WITH visible AS (${visible})`;
  const tag = (tag: string) =>
    `EXISTS (SELECT 1 FROM WorkflowTag t WHERE t.workflowId = st.workflowId AND t.tag = '${tag}')`;
  return [
    {
      sql: `${withVisible} SELECT p.id, p.code, p.name, sp.name AS product, v.shortName AS vendor,
              (SELECT json_group_array(o.shortName) FROM SegurPilotOrganisation po JOIN Organisation o ON o.id = po.organisationId
                 WHERE po.pilotId = p.id AND po.role = 'ETABLISSEMENT') AS establishments
            FROM SegurPilot p LEFT JOIN SoftwareProduct sp ON sp.id = p.productId LEFT JOIN Organisation v ON v.id = sp.vendorId
            WHERE p.id IN visible ORDER BY p.name, p.id`,
    },
    {
      sql: `${withVisible} SELECT st.pilotId, st.stepCode, count(*) AS steps, sum(${tag("obtenue")}) AS obtained,
              sum(${tag("reglee")}) AS settled
            FROM SegurStep st WHERE st.pilotId IN visible GROUP BY st.pilotId, st.stepCode`,
    },
    {
      sql: `${withVisible} SELECT st.pilotId, f.value AS blocker, count(*) AS steps
            FROM SegurStep st JOIN WorkflowField f ON f.workflowId = st.workflowId AND f.name = 'blockerType'
            WHERE st.pilotId IN visible AND ${tag("bloquee")} GROUP BY st.pilotId, f.value`,
    },
    {
      sql: `${withVisible}, ${PILOT_ENTITIES}
            SELECT pe.pilotId, c.id, c.kind, le.name, c.expiresOn
            FROM pe JOIN SegurCredential c ON c.legalEntityId = pe.legalEntityId JOIN LegalEntity le ON le.id = c.legalEntityId
            WHERE c.expiresOn BETWEEN @today AND date(@today, '+90 days')
              AND NOT EXISTS (SELECT 1 FROM SegurCredential l WHERE l.legalEntityId = c.legalEntityId AND l.kind = c.kind
                                AND l.holderId IS c.holderId AND l.expiresOn > c.expiresOn)
            ORDER BY c.expiresOn, le.name`,
    },
    {
      sql: `${withVisible}, ${PILOT_ENTITIES}
            SELECT pe.pilotId, le.id, le.name FROM pe JOIN LegalEntity le ON le.id = pe.legalEntityId ORDER BY le.name`,
    },
    {
      sql: `${withVisible} SELECT o.pilotId, o.legalEntityId, le.name, o.service, o.what,
              (SELECT f.value FROM WorkflowField f WHERE f.workflowId = o.workflowId AND f.name = 'outcome') AS outcome
            FROM SegurObjective o LEFT JOIN LegalEntity le ON le.id = o.legalEntityId
            WHERE o.pilotId IN visible ORDER BY o.createdAt, o.id`,
    },
    {
      // The lead times: obtained steps per step, channel and calendar days, averaged by the page.
      sql: `${withVisible} SELECT st.stepCode, c.value AS channel,
              CAST(julianday(o.value) - julianday(a.value) AS INTEGER) AS days, count(*) AS steps
            FROM WorkflowField o JOIN SegurStep st ON st.workflowId = o.workflowId
              JOIN WorkflowField a ON a.workflowId = o.workflowId AND a.name = 'askedOn'
              LEFT JOIN WorkflowField c ON c.workflowId = o.workflowId AND c.name = 'channel'
            WHERE o.name = 'obtainedOn' AND o.value IS NOT NULL AND st.pilotId IN visible
            GROUP BY 1, 2, 3`,
    },
  ];
}

/** The pilots of a region: its territory's or one of its sites' département lies in it. */
const PILOTS_OF_REGION = `SELECT p.id FROM SegurPilot p WHERE EXISTS (SELECT 1 FROM Departement d
    WHERE d.code = p.departementCode AND d.regionCode = @region)
  OR EXISTS (SELECT 1 FROM SegurPilotSite ps JOIN Site s ON s.id = ps.siteId JOIN Departement d ON d.code = s.departementCode
    WHERE ps.pilotId = p.id AND d.regionCode = @region)`;

/** A pilot's objectives page: the pilot, the facts of its policy, its establishments and its use cases with their projection. */
const SEGUR_OBJECTIVES_PAGE: FloorStatement[] = [
  { sql: `SELECT id, code, name FROM SegurPilot WHERE code = @code` },
  {
    sql: `SELECT po.organisationId, po.role, d.regionCode FROM SegurPilot p
            LEFT JOIN SegurPilotOrganisation po ON po.pilotId = p.id LEFT JOIN Departement d ON d.code = p.departementCode
          WHERE p.id = @pilot`,
  },
  {
    sql: `SELECT DISTINCT d.regionCode FROM SegurPilotSite ps JOIN Site s ON s.id = ps.siteId
            JOIN Departement d ON d.code = s.departementCode WHERE ps.pilotId = @pilot`,
  },
  {
    sql: `WITH visible AS (SELECT @pilot), ${PILOT_ENTITIES}
          SELECT le.id, le.name FROM pe JOIN LegalEntity le ON le.id = pe.legalEntityId ORDER BY le.name`,
  },
  {
    sql: `SELECT o.id, o.service, o.what, o.counterpart, o.environment, o.boxType, o.legalEntityId, le.name,
            w.status, w.rowVersion, w.machineVersion,
            (SELECT json_group_object(f.name, f.value) FROM WorkflowField f WHERE f.workflowId = w.id) AS fields
          FROM SegurObjective o JOIN WorkflowInstance w ON w.id = o.workflowId LEFT JOIN LegalEntity le ON le.id = o.legalEntityId
          WHERE o.pilotId = @pilot ORDER BY o.createdAt, o.id`,
  },
];

/** The ids the pages need, read from the bench database. */
function benchIds(db: Database.Database) {
  const big = db
    .prepare(
      `SELECT r.number, v.number AS version, v.id AS versionId FROM RfcVersion v JOIN Rfc r ON r.id = v.rfcId
       ORDER BY (SELECT count(*) FROM RfcComment c WHERE c.versionId = v.id) DESC LIMIT 1`,
    )
    .get() as { number: string; version: number; versionId: string };
  const group = db
    .prepare(
      `SELECT g.code, g.id FROM WorkGroup g
       ORDER BY (SELECT count(*) FROM ActionItem a WHERE a.groupId = g.id) DESC, g.code LIMIT 1`,
    )
    .get() as { code: string; id: string };
  const organisationOf = (email: string) =>
    (db.prepare(`SELECT organisationId FROM User WHERE email = ?`).get(email) as { organisationId: string })
      .organisationId;
  const segurPilot = db.prepare(`SELECT id, code FROM SegurPilot WHERE code = 'banc-segur-1'`).get() as {
    id: string;
    code: string;
  };
  const segurRegion = (
    db
      .prepare(`SELECT o.regionCode FROM User u JOIN Organisation o ON o.id = u.organisationId WHERE u.email = ?`)
      .get(BENCH_ACCOUNTS.segurReader) as { regionCode: string }
  ).regionCode;
  return {
    big,
    group,
    director: organisationOf(BENCH_ACCOUNTS.director),
    dagemo: organisationOf(BENCH_ACCOUNTS.dagemo),
    segurOrganisation: organisationOf(BENCH_ACCOUNTS.segurPilot),
    segurPilot,
    segurRegion,
  };
}

/** The measured pages, in the order of issue 10's table. */
export function benchPages(
  db: Database.Database,
  {
    upcomingMonth,
    fiveWorkingDaysAhead,
    monthGrid,
  }: {
    upcomingMonth: string;
    fiveWorkingDaysAhead: string;
    /** The calendar's default view: this month's grid, Monday to Sunday, as days and as instants. */
    monthGrid: { from: string; to: string; fromInstant: string; toInstant: string };
  },
): PageCase[] {
  const { big, group, director, dagemo, segurOrganisation, segurPilot, segurRegion } = benchIds(db);
  // A page whose floor is not written yet is measured without one (its ratio reads "—").
  const page = (label: string, email: string, path: string, floor?: FloorStatement[], params = {}): PageCase => ({
    label,
    email,
    path,
    floor: floor ? [...SESSION, ...floor] : null,
    params,
  });
  return [
    page("/cnsa (coordinator)", BENCH_ACCOUNTS.coordinator, "/cnsa", CNSA_HOME, {
      month: upcomingMonth,
      soon: fiveWorkingDaysAhead,
    }),
    page("/cnsa/reprises (coordinator)", BENCH_ACCOUNTS.coordinator, "/cnsa/reprises", DISPATCH_BOARD, {
      month: upcomingMonth,
      soon: fiveWorkingDaysAhead,
    }),
    page(
      `/rfc/…/v/${big.version}, 600 comments (director)`,
      BENCH_ACCOUNTS.director,
      `/rfc/${big.number}/v/${big.version}`,
      VERSION_PAGE,
      { version: big.versionId, organisation: director },
    ),
    page(
      `/rfc/…/v/${big.version}/dispositions (coordinator)`,
      BENCH_ACCOUNTS.coordinator,
      `/rfc/${big.number}/v/${big.version}/dispositions`,
      DISPOSITIONS_PAGE,
      { version: big.versionId },
    ),
    page("/calendrier (coordinator)", BENCH_ACCOUNTS.coordinator, "/calendrier", calendarFloor(true), monthGrid),
    page("/calendrier (director)", BENCH_ACCOUNTS.director, "/calendrier", calendarFloor(false), {
      ...monthGrid,
      organisation: director,
    }),
    page("/mdph (director)", BENCH_ACCOUNTS.director, "/mdph", MDPH_HOME, { organisation: director }),
    page("/livrables (coordinator)", BENCH_ACCOUNTS.coordinator, "/livrables", DELIVERABLES),
    page(
      `/groupes/<code>, 200 actions (coordinator)`,
      BENCH_ACCOUNTS.coordinator,
      `/groupes/${group.code}`,
      GROUP_PAGE,
      { group: group.id },
    ),
    page("/etat (DAGEMO)", BENCH_ACCOUNTS.dagemo, "/etat", STATE_HOME, {
      organisation: dagemo,
      application: "ITAC",
    }),
    page("/etat/reprises (DAGEMO)", BENCH_ACCOUNTS.dagemo, "/etat/reprises", STATE_REPRISES, { application: "ITAC" }),
    page("/segur (Ségur pilot)", BENCH_ACCOUNTS.segurPilot, "/segur", SEGUR_HOME, { organisation: segurOrganisation }),
    page(
      "/segur/pilotes/<code>, 30 sites (Ségur pilot)",
      BENCH_ACCOUNTS.segurPilot,
      `/segur/pilotes/${segurPilot.code}`,
      SEGUR_PILOT_PAGE,
      { pilot: segurPilot.id, code: segurPilot.code },
    ),
    page(
      "/segur/pilotes, 40 pilots (coordinator)",
      BENCH_ACCOUNTS.coordinator,
      "/segur/pilotes",
      segurBoardFloor("SELECT id FROM SegurPilot"),
    ),
    page(
      "/segur/pilotes (ARS reader)",
      BENCH_ACCOUNTS.segurReader,
      "/segur/pilotes",
      segurBoardFloor(PILOTS_OF_REGION),
      { region: segurRegion },
    ),
    page(
      "/segur/pilotes/<code>/fiche (coordinator)",
      BENCH_ACCOUNTS.coordinator,
      `/segur/pilotes/${segurPilot.code}/fiche`,
      SEGUR_RECORD_PAGE,
      { code: segurPilot.code, pilot: segurPilot.id },
    ),
    page(
      "/segur/pilotes/<code>/objectifs (Ségur pilot)",
      BENCH_ACCOUNTS.segurPilot,
      `/segur/pilotes/${segurPilot.code}/objectifs`,
      SEGUR_OBJECTIVES_PAGE,
      { code: segurPilot.code, pilot: segurPilot.id },
    ),
  ];
}
