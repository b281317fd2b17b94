/**
 * How domain queries select workflows: by the tags their machines declare and by the fields
 * their definitions project (decision 017), never by lists of state names or by parsing
 * snapshots. `tagged` and `field` return a Prisma filter on WorkflowInstance; `carriesTag` and
 * `fieldIsNull` are the same conditions for the read models on Kysely (decision 021).
 */
import { sql, type RawBuilder } from "kysely";
import type { Prisma } from "~/generated/prisma/client";
import { getWorkflowDefinition } from "./definition.server";

/** Workflows whose current state carries `tag`. */
export const tagged = (tag: string): Prisma.WorkflowInstanceWhereInput => ({ tags: { some: { tag } } });

/** Workflows whose projected field `name` matches `value` (a string filter: ISO dates compare as text). */
export const field = (
  name: string,
  value: string | null | Prisma.StringNullableFilter<"WorkflowField">,
): Prisma.WorkflowInstanceWhereInput => ({ fields: { some: { name, value } } });

/** Read models: the workflow whose id is in column `workflowId` (e.g. "a.workflowId") carries `tag`. */
export const carriesTag = (workflowId: string, tag: string): RawBuilder<boolean> =>
  sql<boolean>`EXISTS (SELECT 1 FROM WorkflowTag AS tagged WHERE tagged.workflowId = ${sql.ref(workflowId)} AND tagged.tag = ${tag})`;

/** Read models: the workflow whose id is in column `workflowId` has its projected field `name` empty. */
export const fieldIsNull = (workflowId: string, name: string): RawBuilder<boolean> =>
  sql<boolean>`EXISTS (SELECT 1 FROM WorkflowField AS projected WHERE projected.workflowId = ${sql.ref(workflowId)} AND projected.name = ${name} AND projected.value IS NULL)`;

/**
 * Read models: every projected field of the workflow whose id is in column `workflowId`, as one
 * JSON object in a text column; `projectedOf` reads it back as projected() does.
 */
export const projectedFields = (workflowId: string): RawBuilder<string> =>
  sql<string>`(SELECT json_group_object(projected.name, projected.value) FROM WorkflowField AS projected WHERE projected.workflowId = ${sql.ref(workflowId)})`;

/** The fields selected with `projectedFields`, as a record. */
export const projectedOf = (json: string) => JSON.parse(json) as Record<string, string | null>;

type StateNodeLike = { key: string; tags: string[]; states: Record<string, StateNodeLike> };

/** The states of a workflow type that carry `tag`, in the machine's order (e.g. for counts per state). */
export function statesTagged(type: string, tag: string): string[] {
  const root = getWorkflowDefinition(type).machine.root as unknown as StateNodeLike;
  const found: string[] = [];
  const walk = (node: StateNodeLike, path: string[]) => {
    for (const child of Object.values(node.states)) {
      const childPath = [...path, child.key];
      if (child.tags.includes(tag)) found.push(childPath.join("."));
      walk(child, childPath);
    }
  };
  walk(root, []);
  return found;
}

/** The columns of WorkflowInstance that contextOf() needs: select them with the status. */
export const storedWorkflow = { id: true, type: true, machineVersion: true, snapshot: true } as const;

/** Select the tags and projected fields with a workflow, then read them with projectionOf(). */
export const projection = { tags: { select: { tag: true } }, fields: { select: { name: true, value: true } } } as const;

/** The tags and fields selected with `projection`, as a list and a record. */
export function projected(workflow: { tags: { tag: string }[]; fields: { name: string; value: string | null }[] }) {
  return {
    tags: workflow.tags.map((t) => t.tag),
    fields: Object.fromEntries(workflow.fields.map((f) => [f.name, f.value])) as Record<string, string | null>,
  };
}
