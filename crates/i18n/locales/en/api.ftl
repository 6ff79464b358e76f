### The JSON API's human text (problem titles and details, explanations, reasons).

## Problem titles, one a stable code (crates/app/src/code.rs): problem-<code, hyphenated>.
problem-invalid-postcode = The postcode is not a valid UK postcode
problem-unknown-place = The place is not known
problem-invalid-radius = The radius is not valid
problem-unknown-language = The language code is not known
problem-unknown-category = The category code is not known
problem-unknown-faith = The faith code is not known
problem-invalid-parameter = A parameter is not valid
problem-not-found = Not found
problem-payload-too-large = The request body is too large
problem-method-not-allowed = The address does not take this method
problem-uri-too-long = The address is too long
problem-headers-too-large = The request headers are too large
problem-malformed-request = The request is not valid HTTP
problem-unauthorized = An API key is needed
problem-forbidden = The API key's role does not allow this
problem-rate-limited = Too many requests
problem-invalid-body = The request body is not valid
problem-conflict = The request conflicts with the directory's state
problem-invalid-referral-move = The referral cannot move to that status
problem-timeout = The request took too long
problem-unavailable = The service is not ready
problem-store-unavailable = The shared store cannot be reached
problem-internal = Internal error

## A search's explanation in an interface language other than English (crates/query/src/explain_in.rs):
## the English explanation itself is written by crates/query/src/explain.rs.
explain-services = Services
explain-services-of = { $categories } services
explain-all = All services
explain-all-ranked = All services, ranked by: { $words }
explain-also-ranked = ; also ranked by: { $words }
explain-and = and
explain-secular = that are secular
explain-faiths = linked to the faith: { $faiths }
explain-for-women = for women
explain-for-men = for men
explain-for-someone = for someone
explain-for-people = for people
explain-aged = aged { $age }
explain-aged-between = aged { $min } to { $max }
explain-aged-over = aged { $min } and over
explain-aged-under = aged under { $max }
explain-speaks = where staff speak { $languages }
explain-free = free of charge
explain-open-now = open now
explain-open = open
explain-weekends = at weekends
explain-weekdays = on weekdays
explain-on-days = on { $days }
explain-at-time = at { $time }
explain-within-near = within { $radius } of { $place }
explain-within = within { $radius }
explain-near = near { $place }
explain-miles = { $miles ->
    [one] { $miles } mile
   *[other] { $miles } miles
}
explain-day-mon = Monday
explain-day-tue = Tuesday
explain-day-wed = Wednesday
explain-day-thu = Thursday
explain-day-fri = Friday
explain-day-sat = Saturday
explain-day-sun = Sunday
explain-faith-christian = Christian
explain-faith-muslim = Muslim
explain-faith-hindu = Hindu
explain-faith-sikh = Sikh
explain-faith-jewish = Jewish
explain-faith-buddhist = Buddhist
explain-faith-other = another
explain-category-accommodation = housing
explain-category-employment = employment and training
explain-category-education = education
explain-category-esol = ESOL (English classes)
explain-category-finance = money, benefits and debt
explain-category-mental-health = mental health
explain-category-substance-misuse = drugs and alcohol
explain-category-physical-health = physical health
explain-category-mentoring = mentoring
explain-category-family = children and families
explain-category-domestic-abuse = domestic abuse
explain-category-womens-services = women's
explain-category-youth = young people's
explain-category-faith-support = faith and spiritual support
explain-category-interpreting = interpreting
explain-category-immigration-advice = immigration advice
explain-category-legal-advice = legal advice
explain-category-food = food
explain-category-disability-support = disability and communication
explain-category-racial-equality = racial equality
explain-category-community-group = community and cultural
explain-category-behaviour-programme = thinking and behaviour programme
explain-category-lgbtq = LGBTQ+

## Why two services are probably one (crates/dedupe/src/reason.rs): duplicate-<reason code>.
duplicate-same-charity-number = same charity number { $value }
duplicate-same-company-number = same company number { $value }
duplicate-different-charity-numbers = different charity numbers
duplicate-different-company-numbers = different company numbers
duplicate-same-name = same name
duplicate-names-alike = names alike ({ $value })
duplicate-same-postcode = same postcode { $value }
duplicate-near = locations { $value } m apart
duplicate-same-phone = same phone { $value }
duplicate-same-email = same e-mail { $value }
duplicate-same-web-address = same web address { $value }

## Problem details that the catalogue words in every language, each told by a stable value
## (crates/server/src/error.rs, `Detail`), never by its English text: detail-<what>.
detail-key-not-valid = the API key is not valid
detail-key-needed = send an API key as Authorization: Bearer <key>
detail-body-not-utf8 = the body is not UTF-8 text
detail-profile-not-utf8 = the profile is not UTF-8 text
detail-query-not-utf8 = the query string is not UTF-8 text once percent-decoded
detail-body-too-large = the request body is larger than allowed
detail-body-not-taken = the request body is not what this address takes
detail-address-too-long = the address is longer than allowed
detail-headers-too-large = the request headers are larger than allowed
detail-not-valid-here = the request is not valid here
detail-too-slow = the request took longer than allowed
detail-not-allowed = this is not allowed
detail-too-many = too many requests
detail-conflicts = the request conflicts
detail-not-ready = the service is not ready
detail-store-or-index-not-ready = the store or the search index is not ready
detail-shared-store-unreachable = the shared store cannot be reached just now; try again in a few seconds
detail-nothing-here = there is nothing at this address; see /api/openapi.json
detail-internal = something went wrong on our side; it has been logged
detail-method-not-taken = this address does not take { $method }; the Allow header lists what it takes
detail-no-such-error-code = there is no error code "{ $name }"; /errors lists them all
