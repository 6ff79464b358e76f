### The JSON API's human text (problem titles and details, explanations, reasons).

## Problem titles, one a stable code (crates/app/src/code.rs): problem-<code, hyphenated>.
problem-invalid-postcode = Nid yw'r cod post yn god post dilys yn y DU
problem-unknown-place = Nid yw'r lle yn hysbys
problem-invalid-radius = Nid yw'r radiws yn ddilys
problem-unknown-language = Nid yw cod yr iaith yn hysbys
problem-unknown-category = Nid yw cod y categori yn hysbys
problem-unknown-faith = Nid yw cod y ffydd yn hysbys
problem-invalid-parameter = Nid yw paramedr yn ddilys
problem-not-found = Heb ei ganfod
problem-payload-too-large = Mae corff y cais yn rhy fawr
problem-method-not-allowed = Nid yw'r cyfeiriad yn derbyn y dull hwn
problem-uri-too-long = Mae'r cyfeiriad yn rhy hir
problem-headers-too-large = Mae penynnau'r cais yn rhy fawr
problem-malformed-request = Nid yw'r cais yn HTTP dilys
problem-unauthorized = Mae angen allwedd API
problem-forbidden = Nid yw rôl yr allwedd API yn caniatáu hyn
problem-rate-limited = Gormod o geisiadau
problem-invalid-body = Nid yw corff y cais yn ddilys
problem-conflict = Mae'r cais yn gwrthdaro â chyflwr y cyfeiriadur
problem-invalid-referral-move = Ni all yr atgyfeiriad symud i'r statws hwnnw
problem-timeout = Cymerodd y cais ormod o amser
problem-unavailable = Nid yw'r gwasanaeth yn barod
problem-store-unavailable = Ni ellir cyrraedd y storfa a rennir
problem-internal = Gwall mewnol

## A search's explanation in an interface language other than English (crates/query/src/explain_in.rs):
## the English explanation itself is written by crates/query/src/explain.rs.
explain-services = Gwasanaethau
explain-services-of = Gwasanaethau { $categories }
explain-all = Pob gwasanaeth
explain-all-ranked = Pob gwasanaeth, wedi'u trefnu yn ôl: { $words }
explain-also-ranked = ; hefyd wedi'u trefnu yn ôl: { $words }
explain-and = a
explain-secular = sy'n seciwlar
explain-faiths = sy'n gysylltiedig â ffydd: { $faiths }
explain-for-women = i fenywod
explain-for-men = i ddynion
explain-for-someone = i rywun
explain-for-people = i bobl
explain-aged = { $age } oed
explain-aged-between = { $min } i { $max } oed
explain-aged-over = { $min } oed a hŷn
explain-aged-under = dan { $max } oed
explain-speaks = lle mae'r staff yn siarad { $languages }
explain-free = am ddim
explain-open-now = ar agor nawr
explain-open = ar agor
explain-weekends = ar benwythnosau
explain-weekdays = ar ddyddiau'r wythnos
explain-on-days = ar { $days }
explain-at-time = am { $time }
explain-within-near = o fewn { $radius } i ardal { $place }
explain-within = o fewn { $radius }
explain-near = ger { $place }
explain-miles = { $miles ->
    [one] { $miles } filltir
    [two] { $miles } filltir
   *[other] { $miles } milltir
}
explain-day-mon = ddydd Llun
explain-day-tue = ddydd Mawrth
explain-day-wed = ddydd Mercher
explain-day-thu = ddydd Iau
explain-day-fri = ddydd Gwener
explain-day-sat = ddydd Sadwrn
explain-day-sun = ddydd Sul
explain-faith-christian = Cristnogaeth
explain-faith-muslim = Islam
explain-faith-hindu = Hindŵaeth
explain-faith-sikh = Siciaeth
explain-faith-jewish = Iddewiaeth
explain-faith-buddhist = Bwdhaeth
explain-faith-other = ffydd arall
explain-category-accommodation = tai
explain-category-employment = cyflogaeth a hyfforddiant
explain-category-education = addysg
explain-category-esol = ESOL (dosbarthiadau Saesneg)
explain-category-finance = arian, budd-daliadau a dyledion
explain-category-mental-health = iechyd meddwl
explain-category-substance-misuse = cyffuriau ac alcohol
explain-category-physical-health = iechyd corfforol
explain-category-mentoring = mentora
explain-category-family = plant a theuluoedd
explain-category-domestic-abuse = cam-drin domestig
explain-category-womens-services = i fenywod
explain-category-youth = i bobl ifanc
explain-category-faith-support = cymorth ffydd ac ysbrydol
explain-category-interpreting = cyfieithu ar y pryd
explain-category-immigration-advice = cyngor ar fewnfudo
explain-category-legal-advice = cyngor cyfreithiol
explain-category-food = bwyd
explain-category-disability-support = anabledd a chyfathrebu
explain-category-racial-equality = cydraddoldeb hiliol
explain-category-community-group = cymunedol a diwylliannol
explain-category-behaviour-programme = rhaglen meddwl ac ymddygiad
explain-category-lgbtq = LHDTC+

## Why two services are probably one (crates/dedupe/src/reason.rs): duplicate-<reason code>.
duplicate-same-charity-number = yr un rhif elusen { $value }
duplicate-same-company-number = yr un rhif cwmni { $value }
duplicate-different-charity-numbers = rhifau elusen gwahanol
duplicate-different-company-numbers = rhifau cwmni gwahanol
duplicate-same-name = yr un enw
duplicate-names-alike = enwau tebyg ({ $value })
duplicate-same-postcode = yr un cod post { $value }
duplicate-near = lleoliadau { $value } m oddi wrth ei gilydd
duplicate-same-phone = yr un rhif ffôn { $value }
duplicate-same-email = yr un cyfeiriad e-bost { $value }
duplicate-same-web-address = yr un cyfeiriad gwe { $value }

## Problem details that the catalogue words in every language, each told by a stable value
## (crates/server/src/error.rs, `Detail`), never by its English text: detail-<what>.
detail-key-not-valid = nid yw'r allwedd API yn ddilys
detail-key-needed = anfonwch allwedd API fel Authorization: Bearer <key>
detail-body-not-utf8 = nid yw'r corff yn destun UTF-8
detail-profile-not-utf8 = nid yw'r proffil yn destun UTF-8
detail-query-not-utf8 = nid yw'r llinyn ymholiad yn destun UTF-8 ar ôl ei ddatgodio
detail-body-too-large = mae corff y cais yn fwy na'r hyn a ganiateir
detail-body-not-taken = nid yw corff y cais yn rhywbeth y mae'r cyfeiriad hwn yn ei dderbyn
detail-address-too-long = mae'r cyfeiriad yn hwy na'r hyn a ganiateir
detail-headers-too-large = mae penawdau'r cais yn fwy na'r hyn a ganiateir
detail-not-valid-here = nid yw'r cais yn ddilys yma
detail-too-slow = cymerodd y cais fwy o amser na'r hyn a ganiateir
detail-not-allowed = ni chaniateir hyn
detail-too-many = gormod o geisiadau
detail-conflicts = mae'r cais yn gwrthdaro
detail-not-ready = nid yw'r gwasanaeth yn barod
detail-store-or-index-not-ready = nid yw'r storfa na'r mynegai chwilio yn barod
detail-shared-store-unreachable = ni ellir cyrraedd y storfa a rennir ar hyn o bryd; rhowch gynnig arall arni ymhen ychydig eiliadau
detail-nothing-here = does dim byd yn y cyfeiriad hwn; gweler /api/openapi.json
detail-internal = aeth rhywbeth o'i le ar ein hochr ni; mae wedi'i gofnodi
detail-method-not-taken = nid yw'r cyfeiriad hwn yn derbyn { $method }; mae'r pennawd Allow yn rhestru'r hyn y mae'n ei dderbyn
detail-no-such-error-code = nid oes cod gwall "{ $name }"; mae /errors yn eu rhestru i gyd
