/**
 * The avenants and monthly lists of the reprise calendar as the provider read them through Prisma
 * before the read models of app/modules/reprise/calendar.server.ts (issue 10): every signature
 * `listSignatures` returns, every campaign of the range's months with its items counted. The
 * oracle their test compares with; the entries are built by the provider's own builders. Not
 * used by the application.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import type { CalendarEntry, CalendarRange } from "~/modules/calendar/entry";
import { avenantEntries, dispatchEntries } from "~/modules/reprise/calendar.server";
import { isCoordinator, isMdphDirector } from "~/modules/reprise/policy.server";
import { listSignatures } from "~/modules/reprise/requests.server";
import { monthOf, nextMonth, type Month } from "~/modules/reprise/rules";
import { dispatchSetting } from "~/modules/reprise/settings.server";
import { prisma } from "~/utils/db.server";
import { parisDate } from "~/utils/working-days";

export async function avenantAndListEntriesFromPrisma(
  user: SessionUser,
  range: CalendarRange,
  now: Date,
): Promise<CalendarEntry[]> {
  const entries: CalendarEntry[] = [];
  if (isMdphDirector(user)) {
    const signatures = await listSignatures(user);
    if (signatures.ok) {
      const avenants = signatures.value.map((s) => ({ ...s, requested: s.requests.length > 0 }));
      entries.push(...avenantEntries(avenants, range, parisDate(now)));
    }
  }
  if (isCoordinator(user)) {
    const months: Month[] = [];
    const last = monthOf(parisDate(new Date(range.to.getTime() - 1)));
    for (let month = monthOf(parisDate(range.from)); month <= last; month = nextMonth(month)) months.push(month);
    const campaigns = await prisma.repriseCampaign.findMany({
      where: { month: { in: months } },
      include: { _count: { select: { items: true } } },
    });
    const stored = await prisma.setting.findUnique({ where: { key: dispatchSetting.key } });
    const settings = stored ? dispatchSetting.schema.parse(JSON.parse(stored.value)) : dispatchSetting.defaultValue;
    entries.push(
      ...dispatchEntries(
        campaigns.map((c) => ({ ...c, items: c._count.items })),
        range,
        now,
        settings,
      ),
    );
  }
  return entries;
}
