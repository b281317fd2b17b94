/**
 * Calendar ranges a read model must answer like the code it replaces: the month grids (Monday
 * to Sunday) from September 2026 to April 2027, weeks and single days across month ends, the
 * year's end and both Paris clock changes (25 October 2026, 28 March 2027), as the calendar
 * page asks for them (Paris midnights, half-open).
 */
import type { CalendarRange } from "~/modules/calendar/entry";
import { addCalendarDays, addMonths, dayOfWeek, endOfMonth, parisInstant, type IsoDate } from "~/utils/working-days";

const mondayOf = (day: IsoDate) => addCalendarDays(day, -((dayOfWeek(day) + 6) % 7));
const days = (first: IsoDate, last: IsoDate): CalendarRange & { label: string } => ({
  label: `${first}…${last}`,
  from: parisInstant(first),
  to: parisInstant(addCalendarDays(last, 1)),
});

export function calendarRanges(): (CalendarRange & { label: string })[] {
  const ranges: (CalendarRange & { label: string })[] = [];
  for (let month = "2026-09-01"; month <= "2027-04-01"; month = addMonths(month, 1)) {
    ranges.push(days(mondayOf(month), addCalendarDays(mondayOf(endOfMonth(month)), 6)));
  }
  for (const day of [
    "2026-10-25",
    "2026-10-31",
    "2026-11-30",
    "2026-12-31",
    "2027-01-31",
    "2027-03-28",
    "2027-03-31",
  ]) {
    ranges.push(days(mondayOf(day), addCalendarDays(mondayOf(day), 6)));
    ranges.push(days(day, day));
  }
  return ranges;
}
