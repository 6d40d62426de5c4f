"""Date expressions to ISO 8601, relative to the publication date. Unresolvable -> None, never a guess.

Precision follows the text: '1999' -> '1999', 'in March' -> '2026-03', 'Tuesday' -> a full date.
Anchors: 'three days after the <known event>' uses the anchor table in data/anchor_events.json."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import dateparser

from newsgraph.nlp.names import load_data

_YEAR = re.compile(
    r"^(in |during |since |by )?(early |late |mid-|mid |(the )?(end|start|beginning|middle) of )?"
    r"(the year )?(?P<year>1[5-9]\d\d|20\d\d)$"
)  # a part of a year ('mid-2011', 'late 1999') is placed at the year's precision
_MONTH_YEAR = re.compile(
    r"^(in |during |since |by |early |late |mid-?)?(?P<month>[a-z]+)(,? (?P<year>\d{4}))?$"
)
_VAGUE = re.compile(
    r"\b(week|weeks|month|months|years|decade|decades|recent|recently|season|weekend|period|ago|past|earlier|later|"
    r"century|days|hours)\b"
)
_NUMBER_WORDS = {
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": None,
    "few": None,
}
_RELATIVE_ANCHOR = re.compile(
    r"(?P<n>\d+|[a-z]+) (?P<unit>day|week|month|year)s? (?P<dir>after|before) (the )?(?P<anchor>.+?)[.,;]?$"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_MONTH_NAMES = "|".join(_MONTHS)
_MONTH_DAY = re.compile(
    rf"^({_MONTH_NAMES}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.? \d{{1,2}}(st|nd|rd|th)?$"
    rf"|^\d{{1,2}}(st|nd|rd|th)? (of )?({_MONTH_NAMES})$"
)  # a day of a month without its year
_DAYS_ONLY = re.compile(
    r"^(on |last |this |next )?((early|late) (on )?)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"( morning| afternoon| evening| night)?$"
)  # 'late Saturday', 'early on Monday' are that day
_WEEKEND = re.compile(r"^((over|during|at) )?(the |this |last )?weekend$")
# a day counted from a time the story has given ('the next day', 'two days later', 'the day before')
_STORY_SHIFT = re.compile(
    r"^(the )?((?P<next>next|following) (?P<nunit>day|morning|evening|night|week)|(?P<prev>previous|preceding) "
    r"(?P<punit>day|week)|day (?P<dir>after|before)|(?P<n>\d+|[a-z]+) (?P<unit>day|week)s? (?P<way>later|earlier|before|after)"
    r"|(?P<same>same|that) (?P<sunit>day|morning|afternoon|evening|night|week))$"
)


@lru_cache(maxsize=1)
def _anchors() -> list[tuple[str, dt.date]]:
    entries = load_data("anchor_events.json")["anchors"]
    pairs = [(p, dt.date.fromisoformat(e["date"])) for e in entries for p in e["patterns"]]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def parse_reference(published: str | None) -> dt.datetime | None:
    if not published:
        return None
    try:
        return dt.datetime.fromisoformat(published.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def resolve_anchor(text: str) -> str | None:
    match = _RELATIVE_ANCHOR.search(text.lower())
    if not match:
        return None
    count = _count(match["n"])
    anchor = next((date for phrase, date in _anchors() if match["anchor"].startswith(phrase)), None)
    if count is None or anchor is None:
        return None
    days = {"day": 1, "week": 7}.get(match["unit"])
    sign = 1 if match["dir"] == "after" else -1
    if days:
        return (anchor + dt.timedelta(days=sign * count * days)).isoformat()
    if match["unit"] == "year":
        return anchor.replace(year=anchor.year + sign * count).isoformat()
    month_index = anchor.month - 1 + sign * count
    return dt.date(anchor.year + month_index // 12, month_index % 12 + 1, min(anchor.day, 28)).isoformat()


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _weekday(phrase: str, reference: dt.datetime | None) -> str | None:
    """News usage: a bare weekday is the latest such day on or before publication; 'next X' is after."""
    if reference is None:
        return None
    day = next(i for i, name in enumerate(_WEEKDAYS) if name in phrase)
    back = (reference.weekday() - day) % 7
    if phrase.startswith("last"):
        back = back or 7
    if phrase.startswith("next"):
        return (reference.date() + dt.timedelta(days=(day - reference.weekday()) % 7 or 7)).isoformat()
    return (reference.date() - dt.timedelta(days=back)).isoformat()


_PERIOD = re.compile(r"^((earlier|later) )?(the )?(?P<which>this|last|next|past) (?P<unit>week|month|year)$")
_STREAK = re.compile(
    r"^(for )?(a|the) (second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(st|nd|rd|th)) "
    r"(consecutive|straight|successive|running) day$"
)
_AGO = re.compile(r"^(?P<n>\d+|[a-z]+) (?P<unit>day|week|month|year)s? ago$")
_SAME_DAY = re.compile(r"^((earlier|later) )?(today|tonight|this (morning|afternoon|evening))$")
_PART_OF_YEAR = re.compile(
    r"^((early|late|mid-) |(the )?(end|start|beginning|middle|rest|remainder|close) of )(?P<which>the|this|next|last) year$"
)
_QUARTER = re.compile(
    r"^(in )?(the )?(?P<nth>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[- ]quarter"
    r"( of (?P<year>\d{4}|this year|last year|next year|the year))?$"
)
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4, "last": 4}
_YEAR_STEP = {"this": 0, "the": 0, "next": 1, "last": -1}


def _within_day_or_year(phrase: str, reference: dt.datetime, future: bool | None) -> str | None:
    """'earlier today' is the day reported; 'the end of this year' its year; 'the first quarter of 2009' a
    year (ISO 8601 has no quarter, so a quarter is given at the year's precision; a bare 'fourth quarter'
    is the latest one begun before publication, or the next one for a planned event)."""
    if _SAME_DAY.match(phrase):
        return reference.date().isoformat()
    if match := _PART_OF_YEAR.match(phrase):
        return str(reference.year + _YEAR_STEP[match["which"]])
    if match := _QUARTER.match(phrase):
        year = match["year"]
        if year and year[0].isdigit():
            return year
        if year:
            return str(reference.year + _YEAR_STEP[year.split()[0]])
        begun = 3 * (_QUARTERS[match["nth"]] - 1) + 1 <= reference.month
        if future:
            return str(reference.year if not begun else reference.year + 1)
        return str(reference.year if begun else reference.year - 1)
    return None


def _nearest(text: str, reference: dt.datetime) -> dt.datetime | None:
    """A day named without its year ('June 3') read as the occurrence nearest the publication date: news
    speaks of the weeks around it, before or after."""
    settings = {"RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False, "RELATIVE_BASE": reference}
    found = [
        dateparser.parse(text, languages=["en"], settings={**settings, "PREFER_DATES_FROM": way})
        for way in ("past", "future")
    ]
    found = [f for f in found if f is not None]
    return min(found, key=lambda day: abs(day - reference)) if found else None


def _relative_period(phrase: str, reference: dt.datetime) -> str | None:
    """'last month', 'earlier this year', 'next week', 'three days ago': a period counted from the
    publication date, at the precision the text gives (a month is '2009-03', a week '2009-W14'; 'N days
    or weeks ago' is a day)."""
    if match := _PERIOD.match(phrase):
        # 'the previous/following month' counts from a time in the story, not from publication: left out
        step = {"this": 0, "last": -1, "past": -1, "next": 1}[match["which"]]
        unit = match["unit"]
        if unit == "week":
            return _iso_week(reference.date() + dt.timedelta(weeks=step))
        if unit == "year":
            return str(reference.year + step)
        return _month(reference.year, reference.month + step)
    if (match := _AGO.match(phrase)) and (n := _count(match["n"])) is not None:
        unit = match["unit"]
        if unit in ("day", "week"):  # 'a week ago' points at a day, as 'three days ago' does
            return (reference.date() - dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
        if unit == "year":
            return str(reference.year - n)
        return _month(reference.year, reference.month - n)
    return None


def _past_weekend(reference: dt.datetime) -> str:
    """'over the weekend': the latest weekend on or before publication, as its ISO week."""
    saturday = reference.date() - dt.timedelta(days=(reference.weekday() - 5) % 7)
    return _iso_week(saturday)


def _story_shift_match(text: str) -> re.Match | None:
    return _STORY_SHIFT.match(" ".join(text.lower().split()).strip(" ,."))


def counts_from_story(text: str) -> bool:
    """Whether the phrase counts from a day the story gave ('the next day', 'two days later')."""
    return _story_shift_match(text) is not None


def shift_from(text: str, anchor: str) -> str | None:
    """'the next day', 'two days later', 'the day before', 'the same day', counted from a full date
    (`anchor`, ISO) the story gave before; None for any other phrase or an anchor that is not a day."""
    match = _story_shift_match(text)
    if match is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", anchor):
        return None
    day = dt.date.fromisoformat(anchor)
    if match["same"]:  # 'the same day', 'that evening': the day the story gave
        return _iso_week(day) if match["sunit"] == "week" else day.isoformat()
    if match["next"]:
        return _iso_week(day + dt.timedelta(weeks=1)) if match["nunit"] == "week" else (day + dt.timedelta(days=1)).isoformat()
    if match["prev"]:
        return _iso_week(day - dt.timedelta(weeks=1)) if match["punit"] == "week" else (day - dt.timedelta(days=1)).isoformat()
    if match["dir"]:
        return (day + dt.timedelta(days=1 if match["dir"] == "after" else -1)).isoformat()
    count = _count(match["n"])
    if count is None:
        return None
    sign = 1 if match["way"] in ("later", "after") else -1
    return (day + dt.timedelta(days=sign * count * (7 if match["unit"] == "week" else 1))).isoformat()


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _month(year: int, month: int) -> str:
    """Year-month for a month number that may run past December or before January."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return f"{year}-{month:02d}"


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: str | None, future: bool | None = False) -> str | None:
    """ISO date (or year / year-month) for a date expression, relative to the publication date.
    A bare month or weekday is read as the latest one before publication (`future` False: a past act),
    the next one after it (`future` True: a planned or threatened act), or, for a month or a day of one,
    the nearest one either way when the tense does not tell (`future` None)."""
    phrase = " ".join(text.lower().replace("’", "'").split()).strip(" ,.")
    phrase = re.sub(r"^(on|the)\s+", "", phrase)
    anchored = resolve_anchor(phrase)
    if anchored:
        return anchored
    if match := _YEAR.match(phrase):
        return match["year"]
    reference = parse_reference(published)
    if (match := _MONTH_YEAR.match(phrase)) and match["month"] in _MONTHS:
        month = _MONTHS[match["month"]]
        if match["year"] or reference is None:
            year = match["year"]
        elif future is None:  # the nearest: at most six months away, a tie read as past
            ahead = (month - reference.month) % 12
            year = str(reference.year + (month < reference.month) if ahead < 6 else reference.year - (month > reference.month))
        elif future:
            year = str(reference.year if month >= reference.month else reference.year + 1)
        else:
            year = str(reference.year if month <= reference.month else reference.year - 1)
        return f"{year}-{month:02d}" if year else None
    if reference is not None and (relative := _relative_period(phrase, reference)):
        return relative
    if reference is not None and (within := _within_day_or_year(phrase, reference, future)):
        return within
    if reference is not None and _STREAK.match(phrase):
        return reference.date().isoformat()  # 'for a third straight day': the streak reaches the day reported
    if reference is not None and not future and _WEEKEND.match(phrase):
        return _past_weekend(reference)
    if _VAGUE.search(phrase):
        return None
    if re.fullmatch(r"\d{1,3}", phrase):
        return None  # a number alone ('Masood, 34,') is an age or a count the tagger took for a date
    if reference is None and not re.search(r"\d{4}", phrase):
        return None  # a relative date with no reference point cannot be placed
    if match := _DAYS_ONLY.match(phrase):
        return _weekday(
            f"next {phrase}" if future and not phrase.startswith(("last", "next", "this")) else phrase,
            reference,
        )
    if future is None and reference is not None and _MONTH_DAY.match(phrase):
        nearest = _nearest(phrase, reference)
        return nearest.date().isoformat() if nearest else None
    settings = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    }
    if reference:
        settings["RELATIVE_BASE"] = reference
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None
