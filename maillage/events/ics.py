"""The iCalendar feed (RFC 5545) of public events, for all antennas or one.

Built with the icalendar package, so that partners' calendars (and the tests)
read it as any other feed: one VEVENT per public, upcoming or recent event,
with a stable UID, a cancelled event marked ``STATUS:CANCELLED``.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

#: Past events stay in the feed this long (a partner's calendar keeps its history).
KEEP_PAST_DAYS = 90


def feed_events(queryset):
    since = timezone.localdate() - datetime.timedelta(days=KEEP_PAST_DAYS)
    return queryset.filter(is_public=True, date__gte=since).select_related("structure")


def build_calendar(events, *, name: str, url_for) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Maillage//Agenda des événements//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for event in events:
        item = VEvent()
        item.add("uid", f"{event.external_id}@maillage")
        item.add("dtstamp", stamp)
        item.add("summary", event.title)
        if event.start_time:
            start = datetime.datetime.combine(event.date, event.start_time, tzinfo=zone)
            item.add("dtstart", start)
            end_time = (
                event.end_time
                or (
                    datetime.datetime.combine(event.date, event.start_time)
                    + datetime.timedelta(hours=2)
                ).time()
            )
            item.add("dtend", datetime.datetime.combine(event.date, end_time, tzinfo=zone))
        else:
            item.add("dtstart", event.date)
            item.add("dtend", event.date + datetime.timedelta(days=1))
        place = ", ".join(p for p in (event.place, str(event.structure or "")) if p)
        if place:
            item.add("location", place)
        description = event.get_kind_display()
        if event.theme:
            description += f" — {event.theme}"
        if event.description:
            description += f"\n\n{event.description}"
        item.add("description", description)
        item.add("categories", [str(event.get_kind_display())])
        item.add("url", url_for(event))
        item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        calendar.add_component(item)
    return calendar.to_ical()
