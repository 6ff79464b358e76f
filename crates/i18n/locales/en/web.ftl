### The web pages. Keys start with the page or part they belong to.

## The page shell

layout-site-name = Signpost
layout-title = { $title } - Signpost
layout-skip = Skip to main content
layout-nav-label = Site
layout-nav-search = Search
layout-nav-shortlist = Shortlist
layout-nav-match = Match a person
layout-nav-about = About the data
layout-nav-navigator = Navigator: { $name }
layout-nav-sign-in = Navigator sign in
layout-footer-sources = Data sources
layout-footer-format = Services are listed in the Open Referral UK (HSDS 3.0) format.
layout-footer-demo-before = Records marked
layout-footer-demo = demonstration data
layout-footer-fictional = describe fictional services.
layout-footer-licences = Place and postcode data: all sources and licences
layout-footer-about = About Signpost and its data
layout-language-label = Language

## Search results

results-count = { $count ->
    [one] { $count } service
   *[other] { $count } services
}

## The home page and the search box

search-home-title = Search
search-home-heading = Find community services for people on probation
search-home-lead = Services run by and for ethnic-minority and faith communities in England and Wales.
search-label = Search for services
search-hint = Type what the person needs, the language they speak and where they live.
search-button = Search
search-examples = Examples

## About the data

about-title = About the data
about-heading = About Signpost and its data
about-intro = Signpost is a directory of services run by and for ethnic-minority and faith communities, for probation practitioners in England and Wales. Each service is an Open Referral UK (HSDS 3.0) record.
about-services = Services
about-provenance = Every result says where its record came from and when it was last verified.
about-demo-before = Records marked
about-demo-tag = Demonstration data
about-demo-after = describe fictional services placed at real postcodes so that Signpost can be tried out; do not refer anyone to them.
about-report = If a record is wrong, use "Report a problem" on the service's page: a navigator checks each report before anything changes.
about-places = Places, postcodes and boundaries
about-language-names = Language names
about-language-names-source = Languages are named in English and in their own script, from the Unicode Common Locale Data Repository (CLDR), Unicode licence v3.

## Failed pages and the error codes

error-not-found = Page not found
error-forbidden = You cannot do that
error-server = Sorry, there is a problem with the service
error-problem = There is a problem
error-try-later = Try again later.
error-code = Error code:
error-new-search = Start a new search
error-codes-all = All error codes
error-codes-status = Sent with HTTP status { $status }.
error-codes-heading = Error codes
error-codes-intro = Every error Signpost's API reports is an RFC 9457 problem whose "code" is one of these, and whose "type" links to its page here.
error-codes-code = Code
error-codes-status-heading = Status
error-codes-meaning = Meaning
## The paragraph of each code's page, /errors/{code}: the code's description in crates/app/src/code.rs.
error-description-invalid-postcode = The text given is shaped like a UK postcode, but it is not in the ONS postcode directory Signpost carries. Check it for a mistyped letter or digit (the problem's `suggestions` may list near spellings), or search near a town or district name instead.
error-description-unknown-place = The place name is not one Signpost knows: it carries UK postcodes, postcode districts and sectors, local authorities, towns, wards and neighbourhood (MSOA) names. The problem's `suggestions` list places with a similar spelling; try one of them, a postcode, or a "Name, Authority" form to pick one of several places sharing a name.
error-description-invalid-radius = A radius is a positive number with an optional unit: `800m`, `5km`, `3mi` (a bare number is metres). Zero, negative numbers, unknown units and radii over 1,500 km are refused.
error-description-unknown-language = Language parameters take ISO 639-3 codes (`ben` for Bengali, `pan` for Punjabi); two-letter ISO 639-1 codes are accepted too. The code given is neither. Language names ("Bengali", "Urdu") belong in the search words, which understand them. The problem's `suggestions` list the nearest known codes.
error-description-unknown-category = Categories are the codes of Signpost's service taxonomy (`mentoring`, `housing`, `employment`, ...). The code given is not one of them; the problem's `suggestions` list the nearest known codes.
error-description-unknown-faith = Faiths are the codes of Signpost's faith vocabulary (`muslim`, `sikh`, `christian`, ...). The code given is not one of them; the problem's `suggestions` list the nearest known codes.
error-description-invalid-parameter = A query parameter has the wrong type or an impossible value (a page number below 1, a latitude without a longitude, a query longer than 500 characters, ...). The problem's `detail` names the parameter and what was wrong with it.
error-description-not-found = Nothing exists at this address, or the record asked for (a service, taxonomy term or key) does not exist: it may have been deleted or its id mistyped. The OpenAPI document at `/api/openapi.json` lists every address the API answers.
error-description-payload-too-large = The request body is larger than the server accepts. Split a large import into several smaller requests, or import the file with `signpost import` on the server itself.
error-description-method-not-allowed = The address exists, but not for this HTTP method (a `DELETE` of a search, a `GET` of the import address, ...). The `Allow` header lists the methods it takes; the OpenAPI document at `/api/openapi.json` has them all.
error-description-uri-too-long = The address (path and query string) is longer than the server reads. Shorten the query: free text is limited to 500 characters, and a shortlist to the services it names.
error-description-headers-too-large = The request's headers (cookies included) are larger than the server reads. Clear the site's cookies or send fewer headers, then try again.
error-description-malformed-request = The server could not read the request as HTTP/1.1: its method, address, version or a header is malformed. This is usually a fault in the client that sent it.
error-description-unauthorized = Writes and the audit log need an API key, sent as `Authorization: Bearer <key>`. Either no key was sent or the key is not valid (mistyped, or revoked). An administrator makes keys with `signpost keys create`.
error-description-forbidden = The key is valid but its role does not allow this request: writing services needs an editor (or admin) key, and reading the audit log needs an admin key.
error-description-rate-limited = This client sent more requests in the last minute than the server allows. Wait the number of seconds given in the `Retry-After` header, then try again.
error-description-invalid-body = The request body could not be read as what this address expects: it is not JSON, not UTF-8, or not a valid HSDS 3.0 service or match profile. The problem's `detail` says which field or line was wrong; nothing was written.
error-description-conflict = The request cannot be applied to the directory as it is now: for example, a service with this id already exists (replace it with PUT instead), or a key with this name exists.
error-description-invalid-referral-move = A referral moves sent → accepted or declined, accepted → attended or did_not_attend, and any status but closed → closed; the service it was sent to records the outcomes, and the team that sent it may close it. The problem's `detail` says where the referral is now and its `suggestions` list the moves you may make (docs/referrals.md).
error-description-timeout = The server stopped working on the request because it took longer than allowed. Try again; if it keeps happening, narrow the search (a smaller radius or fewer words).
error-description-unavailable = The server is running but its store or search index is not ready yet (it may be starting or rebuilding its index). Try again in a little while.
error-description-store-unavailable = This Signpost server keeps its directory in PostgreSQL, which it cannot reach just now. Searches go on from the server's own index, but writes (and reads of records it must fetch from the store) are refused until the connection comes back, which needs no restart. Try again in a few seconds.
error-description-internal = Something went wrong on the server's side. The cause has been logged for the people who run this Signpost; the request may be tried again later.

## The results page

results-found = { $count ->
    [0] No services found
    [one] { $count } service found
   *[other] { $count } services found
}
results-title = { $count ->
    [0] No services found for "{ $query }"
    [one] { $count } service found for "{ $query }"
   *[other] { $count } services found for "{ $query }"
}
results-not-utf8 = The search is not UTF-8 text. Type it again, or start a new search.
results-understood = What your search was understood as
results-chips-hint = Select a part to search without it.
results-chip-words = ranked by: { $words }
results-chip-remove = Remove: { $part }
results-relaxed = No service matches every word of your search: those matching more of them come first.
results-heading = Results
results-partial = Services matching only some of your words
results-why = Why it matched:
results-add-to-shortlist = Add to shortlist
results-not-checked-since = Not checked since { $date }
results-never-checked = Not checked by a person yet
results-view-shortlist = View shortlist
results-ticked = ticked
results-filters = Filter results
results-filter-distance = Distance
results-within-miles = { $miles ->
    [one] Within { $miles } mile
   *[other] Within { $miles } miles
}
results-filter-open-cost = Open, cost and who for
results-filter-open-now = Open now
results-filter-free = Free of charge
results-filter-women = Suitable for women
results-filter-men = Suitable for men
results-filter-language = Language
results-filter-category = Type of help
results-filter-faith = Faith
results-pages = Pages of results
results-previous = Previous page
results-next = Next page
results-page = Page { $page }
results-try = Try
results-try-spelling = checking the spelling of the place or postcode

## A service's facts (results, shortlist, its own page)

service-demo-tag = Demonstration data
service-distance = Distance
service-distance-miles = { $miles } miles
service-categories = Type of help
service-languages = Languages
service-opening-times = Opening times
service-contact = Contact
service-eligibility = Who it is for
service-cost = Cost
service-free = Free
service-last-verified = Last verified
service-not-recorded = Not recorded
service-demo-warning = This is demonstration data: a fictional service at a real postcode, for trying Signpost out. Do not refer anyone to it.
service-where = Where
service-confidential = This service has a confidential address (a refuge or safe house). It is never shown: contact the service to make a referral.
service-access = Access
service-shortlist = Shortlist
service-start-shortlist = Start a shortlist with this service
service-report = Report a problem with this information
service-navigator = Navigator
service-refer = Refer someone to this service
service-edit = Edit this service
service-verified-today = Mark as verified today

## Days, months, hours, dates and who a service is for

format-day-mo = Mon
format-day-tu = Tue
format-day-we = Wed
format-day-th = Thu
format-day-fr = Fri
format-day-sa = Sat
format-day-su = Sun
format-month-1 = January
format-month-2 = February
format-month-3 = March
format-month-4 = April
format-month-5 = May
format-month-6 = June
format-month-7 = July
format-month-8 = August
format-month-9 = September
format-month-10 = October
format-month-11 = November
format-month-12 = December
format-date = { $day } { $month } { $year }
format-hours = { $opens } to { $closes }
format-hours-from = from { $opens }
format-hours-until = until { $closes }
format-source = Source: { $source }
format-licence = , licence { $licence }
format-women-only = women only
format-men-only = men only
format-ages = ages { $min } to { $max }
format-aged-over = aged { $min } or over
format-aged-up-to = aged up to { $max }

## The results map

map-title = Results map
map-description = Map of { $count } results on this page within { $distance } of { $place }.
map-description-in-area = Map of { $count } results on this page within { $distance } of { $place }, in { $area }.
map-key = The shaded outline is { $area }; the dashed circle is the search radius; the red dot is { $place }.

## The shortlist

shortlist-heading = Shortlist
shortlist-printed-on = Services shortlisted with Signpost on { $date }.
shortlist-missing = { $count } of the services in this link are no longer listed.
shortlist-empty = Your shortlist is empty. Tick "Add to shortlist" beside services in your search results, then choose "View shortlist".
shortlist-search = Search for services
shortlist-count = { $count ->
    [one] { $count } service shortlisted.
   *[other] { $count } services shortlisted.
}
shortlist-print = Print this shortlist
shortlist-download = Download as a spreadsheet (CSV)
shortlist-link = Link to this shortlist
shortlist-link-hint = Anyone with the link sees the same services. It holds no personal details.
shortlist-copy = Copy link
shortlist-copied = Link copied.
shortlist-where = Where:
shortlist-remove = Remove
shortlist-clear = Clear the shortlist

## Reporting a problem with a service's record

report-title = Report a problem
report-heading = Report a problem with { $service }
report-intro = Tell us what is wrong or out of date. A navigator checks every report before the listing changes.
report-message = What is wrong?
report-message-hint = For example: the phone number has changed, or it no longer runs on Saturdays. Do not include anyone's personal details.
report-contact = Your email or phone (optional)
report-contact-hint = Only if you are happy for a navigator to contact you about this report.
report-send = Send report
report-back = Back to { $service }
report-error-empty = Say what is wrong with the listing
report-error-message-long = The report must be { $max } characters or fewer
report-error-contact-long = The contact must be { $max } characters or fewer
report-sent-title = Report sent
report-sent-heading = Thank you: your report has been sent
report-sent-body = A navigator will check it before the listing for { $service } changes.

## A navigator's form to add or edit a service

edit-add-heading = Add a service
edit-heading = Edit { $service }
edit-name = Service name
edit-organisation = Organisation
edit-description = What the service does
edit-eligibility = Who it is for
edit-languages = Languages spoken (ISO 639 codes)
edit-languages-hint = Separated by commas, for example: eng, ben, syl
edit-categories = Type of help
edit-open-to = Open to
edit-open-to-everyone = Everyone
edit-open-to-women = Women only
edit-open-to-men = Men only
edit-free = Free of charge
edit-phone = Phone
edit-email = Email
edit-postcode = Postcode where it meets
edit-postcode-hint = Changing it moves the service's first location to that postcode.
edit-opening = Opening times
edit-opening-hint = One line for each weekly session: days (MO TU WE TH FR SA SU, separated by commas) then hours, for example MO,WE 18:00-20:30
edit-verified = I have checked these details with the service today
edit-save = Save
edit-error-name = Enter the service's name
edit-error-language = "{ $given }" is not an ISO 639 language code (for example ben, syl, urd, pol)
edit-error-opening = "{ $line }" is not days then hours, like MO,WE 18:00-20:30
edit-error-category = "{ $code }" is not a category
edit-error-postcode = "{ $postcode }" is not a known UK postcode

## The match form: languages by name, and the times the person cannot attend

match-languages-spoken = Languages spoken
match-languages-spoken-hint = Names or ISO 639 codes, separated by commas, for example: Sylheti, বাংলা, Welsh, eng
match-language-preferred = Preferred language
match-cannot-attend = Times the person cannot attend
match-cannot-attend-hint = Tick the times they cannot come, for example because of work, appointments or childcare. Leave them all empty if any time suits them.
match-part-morning = morning (before 12:00)
match-part-afternoon = afternoon (12:00 to 17:00)
match-part-evening = evening (after 17:00)

## The navigator's pages

navigator-form-expired = The form has expired. Go back, reload the page and try again.
navigator-sign-in-heading = Navigator sign in
navigator-sign-in-intro = Navigators keep the directory up to date. Sign in with the API key you were given (an editor or admin key).
navigator-key = API key
navigator-key-hint = It starts with sp_. It is never stored in your browser.
navigator-sign-in = Sign in
navigator-key-not-recognised = The API key was not recognised
navigator-heading = Navigator
navigator-signed-in-as = Signed in as
navigator-sign-out = Sign out
navigator-reports-open = Problem reports ({ $count } open)
navigator-reports-heading = Problem reports
navigator-reports-none = There are no open reports.
navigator-reports-intro = { $count } open, oldest first. Check each one, edit the service if needed, then mark the report as dealt with.
navigator-reports-caption = Open problem reports
navigator-col-service = Service
navigator-col-received = Received
navigator-col-report = Report
navigator-col-contact = Contact
navigator-col-action = Action
navigator-none-given = None given
navigator-mark-dealt-with = Mark as dealt with
navigator-report-number = report { $id }
navigator-harvests-heading = Harvests
navigator-harvests-none = No Open Referral UK feed has been harvested into this directory yet.
navigator-harvests-intro = The last harvest of each Open Referral UK feed. A failed harvest changes nothing; the next one tries again.
navigator-harvests-caption = The last harvest of each source
navigator-col-source = Source
navigator-col-finished = Finished
navigator-col-outcome = Outcome
navigator-harvest-ok = { $new } new, { $updated } updated, { $unchanged } unchanged, { $withdrawn } withdrawn, { $set_aside } values set aside
navigator-harvest-failed = Failed: { $error }
navigator-harvest-finished = { $date }, { $time } UTC

## The match form and its results

match-intro = Describe the person to find the services in reach that fit them. Nothing you enter here is saved: it is used for this match and then forgotten.
match-needs = What help does the person need?
match-needs-hint = Tick each kind of help, and tick "essential" where they cannot do without it.
match-essential = essential
match-interpreter = An interpreter is acceptable
match-not-given = Not given
match-observance-friday-prayers = Friday midday prayers (Jummah)
match-observance-shabbat = Shabbat (no Saturday sessions)
match-observance-avoid-festivals = Avoid the faith's festival days
match-wants-faith-service = Would like a service of their faith
match-about = About the person
match-gender = The person's gender
match-gender-preference = Would rather see staff who are
match-gender-female = Female
match-gender-male = Male
match-age = Age in years
match-where = Where they live
match-postcode = Home postcode
match-miles = Furthest they can travel, in miles
match-miles-hint = Straight-line distance. Leave empty for 5 miles.
match-access = Access and other needs
match-access-wheelchair = Uses a wheelchair
match-access-learning-disability = Learning disability
match-access-bsl = British Sign Language
match-nrpf = No recourse to public funds (NRPF)
match-submit = Find services
match-results = Services that fit ({ $count })
match-none = No service in reach fits. Try a longer distance or fewer essential needs.
match-distance-score = { $distance } away · score { $score }
match-unmet = Needs nothing in reach meets
match-unmet-hint = Escalate these: no suitable service was found for them.
match-error-postcode-unknown = The home postcode was not found: check it and try again
match-error-check = Check the form: { $error }
match-error-needs = Tick at least one kind of help the person needs
match-error-postcode = Enter the person's home postcode
match-error-age = Enter the person's age as a whole number of years
match-error-miles = Enter the furthest distance as a number of miles
match-error-miles-zero = The furthest distance must be more than 0 miles

## Referrals: the "Refer" form, the list and one referral
referral-refer = Refer
referral-refer-hidden = { " " }someone to { $service }
referral-title-list = Referrals
referral-title-one = Referral
referral-problem = There is a problem
referral-refer-heading = Refer someone to { $service }
referral-refer-intro = Use your team's case reference, never the person's name. The service sees the referral and records what happens.
referral-case-ref = Case reference
referral-case-ref-hint = Your team's own reference, for example WSL-0042. Not a name.
referral-needs-legend = What does the person need?
referral-equality-legend = Equality monitoring (optional)
referral-equality-hint = Only with the person's agreement. These answers are encrypted, and used only to see whether some groups are referred, accepted or helped less often than others.
referral-ethnic-group = Ethnic group (Census 2021)
referral-religion = Religion (Census 2021)
referral-not-recorded = Not recorded
referral-not-stated = Not stated
referral-main-language = Main language
referral-main-language-hint = An ISO 639-3 code, for example syl (Sylheti), ben (Bengali), urd (Urdu), pol (Polish).
referral-sex = Sex
referral-sex-female = Female
referral-sex-male = Male
referral-age = Age
referral-send = Send referral
referral-back-to = Back to { $service }
referral-list-intro = The referrals your team sent, and those sent to your organisation's services.
referral-status = Status
referral-any = Any
referral-service-id = Service id
referral-filter = Filter
referral-none = No referrals.
referral-service = Service
referral-sent = Sent
referral-actions = Actions
referral-removed = (removed)
referral-heading = Referral { $ref }
referral-reason = Reason
referral-sent-by = Sent by
referral-needs = Needs
referral-record-heading = Record what happened
referral-all = All referrals
referral-needs-none = None recorded
referral-move-hidden = : referral { $ref }
referral-status-sent = Sent
referral-status-accepted = Accepted
referral-status-declined = Declined
referral-status-attended = Attended
referral-status-did-not-attend = Did not attend
referral-status-closed = Closed
referral-move-sent = Send
referral-move-accepted = Accept
referral-move-declined = Decline
referral-move-attended = Attended
referral-move-did-not-attend = Did not attend
referral-move-closed = Close
referral-reason-not-eligible = Not eligible
referral-reason-full = Service full
referral-reason-no-contact = Could not make contact
referral-reason-person-declined = The person declined
referral-reason-other = Other reason
ethnic-heading-asian = Asian, Asian British or Asian Welsh
ethnic-heading-black = Black, Black British, Black Welsh, Caribbean or African
ethnic-heading-mixed = Mixed or Multiple ethnic groups
ethnic-heading-white = White
ethnic-heading-other = Other ethnic group
ethnic-asian-bangladeshi = Bangladeshi
ethnic-asian-chinese = Chinese
ethnic-asian-indian = Indian
ethnic-asian-pakistani = Pakistani
ethnic-asian-other = Other Asian
ethnic-black-african = African
ethnic-black-caribbean = Caribbean
ethnic-black-other = Other Black
ethnic-mixed-white-asian = White and Asian
ethnic-mixed-white-black-african = White and Black African
ethnic-mixed-white-black-caribbean = White and Black Caribbean
ethnic-mixed-other = Other Mixed or Multiple ethnic groups
ethnic-white-british = English, Welsh, Scottish, Northern Irish or British
ethnic-white-irish = Irish
ethnic-white-gypsy-irish-traveller = Gypsy or Irish Traveller
ethnic-white-roma = Roma
ethnic-white-other = Other White
ethnic-other-arab = Arab
ethnic-other-any = Any other ethnic group

## The admin's equality heatmap
equality-title = Equality monitoring
equality-intro = Who is referred, accepted and helped, group by group, compared with a reference group. Small numbers (below 5) are not shown.
equality-problem = There is a problem
equality-admin-only = Only an admin may see the equality heatmap.
equality-bad-date = { $label } must be a date, for example 2026-01-31.
equality-date-from = From
equality-date-to = To
equality-from = Referrals sent from
equality-to = to
equality-group-by = Group by
equality-by-ethnic-group = Ethnic group
equality-by-religion = Religion
equality-by-main-language = Main language
equality-by-sex = Sex
equality-by-age-band = Age band
equality-reference = Reference group
equality-reference-hint = The code every other group is compared with, for example white-british.
equality-caseload = Caseload (optional)
equality-caseload-hint = Paste a CSV with the columns group,count: how many people the team works with in each group. It is used for this page only and not kept. Without it, rates are per referral.
equality-show = Show the heatmap
equality-none = No referrals were sent in this period.
equality-caption = Relative rate index by group and metric, against { $reference }
equality-group = Group
equality-metric-referred = Referred
equality-metric-accepted = Accepted
equality-metric-attended = Attended
equality-wait-accepted = Median wait to accepted
equality-wait-attended = Median wait to attended
equality-is-reference = { " " }(reference)
equality-key = Colours: purple below the reference rate, orange above, white the same; full colour at half or double. Flags: higher or lower when the whole 95 % interval lies above or below 1, similar when it holds 1. Suppressed: a count or base, the group's or the reference group's, is below 5.
equality-not-in-caseload = No caseload row, so no referred rate, for: { $groups }
equality-no-data = no data
equality-suppressed = suppressed
equality-interval = 95 % CI { $low }–{ $high }
equality-flag-reference = reference
equality-flag-higher = higher
equality-flag-lower = lower
equality-flag-similar = similar
equality-flag-suppressed = suppressed
equality-count-of-base = { $count } of { $base }
equality-days = { $days } days
equality-referrals = { $count } referrals

## The navigators' queue
queue-title = Navigator queue
queue-intro = What needs a person's eye: possible duplicates, records nobody has checked for { $months } months, and open problem reports.
queue-reports = Problem reports
queue-reports-none = There are no open reports.
queue-reports-link = Deal with the reports
queue-duplicates = Possible duplicates
queue-duplicates-none = No services look like the same service listed twice.
queue-duplicates-intro = { $count } pairs may be one service listed twice, most likely first. Merge keeps one record (the more complete, unless you choose) and makes the other inactive, pointing to it; keep apart and the pair is not proposed again.
queue-services = Services
queue-score = Score
queue-why = Why
queue-decision = Decision
queue-keep = Keep
queue-keep-more-complete = the more complete
queue-merge = Merge
queue-keep-apart = Keep apart
queue-stale-heading = Not checked for { $months } months
queue-stale-none = Every record has been checked within the period.
queue-stale-intro = Least recently checked first (at most { $shown }). Check each with the service, then mark it checked.
queue-stale-caption = Records not checked recently
queue-service = Service
queue-last-checked = Last checked
queue-action = Action
queue-never = Never
queue-mark-checked = Mark as checked today

## The navigator page's links and data problems, and a service's data problems
navigator-back = Back to the navigator page
navigator-queue-link = Queue
navigator-queue-what = : possible duplicates, records not checked recently, problem reports
navigator-referrals-link = Referrals
navigator-referrals-what = { " " }sent by your team or to your organisation
navigator-equality-link = Equality monitoring
navigator-equality-what = : who is referred, accepted and helped, by group
navigator-edit-before = To edit a service, find it with{ " " }
navigator-edit-search = search
navigator-edit-after = { " " }and choose "{ $edit }" on its page.
navigator-data-problems = Data problems
navigator-data-problems-none = No values have been set aside from imported or harvested records.
navigator-data-problems-total = { $total } values were set aside from imported or harvested records (not served, searched or mapped)
navigator-data-problems-newest = ; the newest { $shown } are shown
navigator-data-problems-ask = . Ask the publisher to correct them, or edit the service.
navigator-data-problems-caption = Data problems, newest first
navigator-col-where = Where
navigator-col-value = Value
navigator-col-why-set-aside = Why it was set aside
service-data-problems-intro = These values were set aside when the record was imported or harvested: they are not served, searched or mapped.
