# reasons: why a search or match result fits, search notes and chips (engine and matcher reasons rendered by the faces)
#
# hit-*: a search result's reasons and the pieces a match's share with them (every interface
# language has these, right-to-left ones included); fit-*: a match's criteria and unmet needs.
# Selectors: $day and $weekday are mon..sun, $month jan..dec, $gender female|male, $need
# wheelchair|learning-disability|bsl, $observance friday-prayers|shabbat. Numbers arrive written
# ("2.1", "18"); times are 24-hour.

## Pieces

hit-day-when = { $day ->
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[sun] Sunday
}
hit-one-mile = 1 mile
hit-miles = { $miles } miles
hit-ages-between = ages { $minimum }-{ $maximum }
hit-ages-from = ages { $minimum } and over
hit-ages-up-to = ages up to { $maximum }

## A search result

hit-why-this-fits = Why this fits:
hit-speaks = speaks { $language }
hit-faith = { $faith } faith
hit-for-gender = { $gender ->
    [female] for women
   *[male] for men
}
hit-any-age = any age
hit-any-age-asked = any age (asked { $age })
hit-open-now = open now
hit-open-day-at = open { $day } at { $time }
hit-open-on-day = open on { $day }
hit-free = free
hit-some-words = matches some of your words: { $words }
hit-no-words = matches none of your words
hit-covers = covers { $place }
hit-distance-from = { $distance } from { $place }
hit-under-a-mile-away = less than a mile away
hit-about-one-mile-away = about 1 mile away
hit-about-miles-away = about { $miles } miles away

## A match's criteria

fit-need-essential = { $category } (essential)
fit-within-limit = { $distance }, limit { $limit }
fit-speaks-preferred = speaks { $language } (preferred)
fit-speaks-not-preferred = speaks { $language }, not { $preferred }
fit-languages-assumed = (assumed: no languages listed)
fit-no-shared-language-interpreting = no shared language; offers interpreting
fit-no-shared-language-interpreter = no shared language; needs an interpreter
fit-open-to-everyone = open to everyone
fit-gender-only = { $gender ->
    [female] for women only
   *[male] for men only
}
fit-gender-only-not-given = { $gender ->
    [female] for women only; the person's gender is not given
   *[male] for men only; the person's gender is not given
}
fit-gender-service = { $gender ->
    [female] a women's service
   *[male] a men's service
}
fit-staff-gender-not-stated = { $gender ->
    [female] staff gender not stated (women's preferred)
   *[male] staff gender not stated (men's preferred)
}
fit-age-not-given = { $ages }; age not given
fit-no-age-limit = no age limit
fit-faith-service = { $faith } faith service
fit-not-faith-based = not faith-based
fit-access-stated = { $need ->
    [wheelchair] wheelchair access stated
    [learning-disability] learning disability support stated
   *[bsl] BSL stated
}
fit-access-not-stated = { $need ->
    [wheelchair] wheelchair access not stated
    [learning-disability] learning disability support not stated
   *[bsl] BSL not stated
}
fit-nrpf-open = open to people with no recourse to public funds
fit-nrpf-not-said = does not say whether people with no recourse to public funds can use it

## Opening times, observances and festivals

fit-days = { $day ->
    [mon] Mondays
    [tue] Tuesdays
    [wed] Wednesdays
    [thu] Thursdays
    [fri] Fridays
    [sat] Saturdays
   *[sun] Sundays
}
fit-session-at = { $days } { $time }
fit-times-not-stated = opening times not stated
fit-open-when-available = open { $session } when available
fit-open-times-not-stated = open { $session } (times not stated)
fit-open-not-when-available = open { $sessions }; not when available
fit-may-clash-with-jummah = meets { $session } (times not stated) - may clash with Jummah
fit-no-session-at = { $observance ->
    [friday-prayers] no session at Friday prayers
   *[shabbat] no session on Shabbat
}
fit-clashes = { $observance ->
    [friday-prayers] meets { $session } - clashes with Jummah
   *[shabbat] meets { $session } - on Shabbat
}
fit-clashes-others-free = { $clash }; other sessions are free
fit-short-date = { $weekday ->
    [mon] Mon
    [tue] Tue
    [wed] Wed
    [thu] Thu
    [fri] Fri
    [sat] Sat
   *[sun] Sun
} { $day } { $month ->
    [jan] Jan
    [feb] Feb
    [mar] Mar
    [apr] Apr
    [may] May
    [jun] Jun
    [jul] Jul
    [aug] Aug
    [sep] Sep
    [oct] Oct
    [nov] Nov
   *[dec] Dec
}
fit-expected-date = { $date } (expected date)
fit-festival = { $festival }, { $date }
fit-calendar-covers = festival calendar covers { $first }-{ $last } only ({ $span })
fit-no-festival-days = no festival days { $span }
fit-festival-days-not-stated = { $festival } falls in the dates asked; opening days not stated
fit-no-session-on-festival = no session on { $festival }
fit-only-meets-on-festival = only meets on { $festival }
fit-meets-on-festival = meets on { $festival }; other dates are free

## A need nothing in reach meets

fit-no-service-within = no { $category } service within { $limit } miles
fit-no-service-because = { $service } { $barriers }
fit-list-and = { $rest } and { $last }
fit-list-or = { $rest } or { $last }
fit-barrier-serves = { $gender ->
    [female] serves women
   *[male] serves men
}
fit-barrier-age = takes people aged { $age }
fit-barrier-speaks = speaks { $languages }
fit-barrier-access = { $need ->
    [wheelchair] has wheelchair access
    [learning-disability] supports people with a learning disability
   *[bsl] offers BSL
}
fit-barrier-nrpf = accepts people with no recourse to public funds
