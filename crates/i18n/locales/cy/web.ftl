### Y tudalennau gwe. Mae pob allwedd yn dechrau gydag enw'r dudalen neu'r rhan y mae'n perthyn iddi.

## Ffrâm y dudalen

layout-site-name = Signpost
layout-title = { $title } - Signpost
layout-skip = Neidio i'r prif gynnwys
layout-nav-label = Y wefan
layout-nav-search = Chwilio
layout-nav-shortlist = Rhestr fer
layout-nav-match = Paru unigolyn â gwasanaethau
layout-nav-about = Am y data
layout-nav-navigator = Llywiwr: { $name }
layout-nav-sign-in = Mewngofnodi fel llywiwr
layout-footer-sources = Ffynonellau data
layout-footer-format = Rhestrir y gwasanaethau yn fformat Open Referral UK (HSDS 3.0).
layout-footer-demo-before = Mae cofnodion sydd wedi'u marcio'n
layout-footer-demo = ddata arddangos
layout-footer-fictional = yn disgrifio gwasanaethau ffug.
layout-footer-licences = Data lleoedd a chodau post: pob ffynhonnell a thrwydded
layout-footer-about = Ynghylch Signpost a'i ddata
layout-language-label = Iaith

## Canlyniadau chwilio

results-count = { $count ->
    [two] { $count } wasanaeth
   *[other] { $count } gwasanaeth
}

## Yr hafan a'r blwch chwilio

search-home-title = Chwilio
search-home-heading = Dod o hyd i wasanaethau cymunedol ar gyfer pobl sydd ar brawf
search-home-lead = Gwasanaethau sy'n cael eu rhedeg gan gymunedau lleiafrifoedd ethnig a chymunedau ffydd, ac ar eu cyfer, yng Nghymru a Lloegr.
search-label = Chwilio am wasanaethau
search-hint = Teipiwch beth sydd ei angen ar yr unigolyn, yr iaith y mae'n ei siarad a ble mae'n byw.
search-button = Chwilio
search-examples = Enghreifftiau

## Am y data

about-title = Am y data
about-heading = Ynghylch Signpost a'i ddata
about-intro = Cyfeiriadur o wasanaethau sy'n cael eu rhedeg gan gymunedau lleiafrifoedd ethnig a chymunedau ffydd, ac ar eu cyfer, yw Signpost, i ymarferwyr prawf yng Nghymru a Lloegr. Mae pob gwasanaeth yn gofnod Open Referral UK (HSDS 3.0).
about-services = Gwasanaethau
about-provenance = Mae pob canlyniad yn dweud o ble y daeth ei gofnod a phryd y cafodd ei wirio ddiwethaf.
about-demo-before = Mae cofnodion sydd wedi'u marcio'n
about-demo-tag = Data arddangos
about-demo-after = yn disgrifio gwasanaethau ffug wedi'u gosod mewn codau post go iawn fel y gellir rhoi cynnig ar Signpost; peidiwch ag atgyfeirio neb atynt.
about-report = Os yw cofnod yn anghywir, defnyddiwch "Rhoi gwybod am broblem" ar dudalen y gwasanaeth: mae llywiwr yn gwirio pob adroddiad cyn i ddim newid.
about-places = Lleoedd, codau post a ffiniau
about-language-names = Enwau ieithoedd
about-language-names-source = Enwir ieithoedd yn Saesneg ac yn eu sgript eu hunain, o Ystorfa Data Locale Gyffredin Unicode (CLDR), trwydded Unicode v3.

## Tudalennau a fethodd a'r codau gwall

error-not-found = Heb ddod o hyd i'r dudalen
error-forbidden = Ni allwch wneud hynny
error-server = Mae'n ddrwg gennym, mae problem gyda'r gwasanaeth
error-problem = Mae problem
error-try-later = Rhowch gynnig arall arni yn nes ymlaen.
error-code = Cod gwall:
error-new-search = Dechrau chwiliad newydd
error-codes-all = Pob cod gwall
error-codes-status = Anfonwyd gyda statws HTTP { $status }.
error-codes-heading = Codau gwall
error-codes-intro = Mae pob gwall y mae API Signpost yn ei adrodd yn broblem RFC 9457 y mae ei "code" yn un o'r rhain, a'i "type" yn cysylltu â'i dudalen yma.
error-codes-code = Cod
error-codes-status-heading = Statws
error-codes-meaning = Ystyr
## Paragraff tudalen pob cod, /errors/{code}.
error-description-invalid-postcode = Mae'r testun a roddwyd ar ffurf cod post yn y DU, ond nid yw yng nghyfeiriadur codau post yr ONS sydd gan Signpost. Gwiriwch a oes llythyren neu ddigid wedi'i deipio'n anghywir (efallai y bydd `suggestions` y broblem yn rhestru sillafiadau agos), neu chwiliwch ger enw tref neu ardal yn lle hynny.
error-description-unknown-place = Nid yw enw'r lle yn un y mae Signpost yn ei adnabod: mae ganddo godau post y DU, ardaloedd a sectorau codau post, awdurdodau lleol, trefi, wardiau ac enwau cymdogaethau (MSOA). Mae `suggestions` y broblem yn rhestru lleoedd â sillafiad tebyg; rhowch gynnig ar un ohonynt, ar god post, neu ar y ffurf "Enw, Awdurdod" i ddewis un o sawl lle sy'n rhannu enw.
error-description-invalid-radius = Rhif positif yw radiws, gydag uned os mynnwch: `800m`, `5km`, `3mi` (metrau yw rhif ar ei ben ei hun). Gwrthodir sero, rhifau negatif, unedau anhysbys a radiysau dros 1,500 km.
error-description-unknown-language = Mae paramedrau iaith yn derbyn codau ISO 639-3 (`ben` ar gyfer Bengaleg, `pan` ar gyfer Pwnjabeg); derbynnir codau ISO 639-1 dwy lythyren hefyd. Nid yw'r cod a roddwyd yn un o'r rhain. Mae enwau ieithoedd ("Bengali", "Urdu") yn perthyn i'r geiriau chwilio, sy'n eu deall. Mae `suggestions` y broblem yn rhestru'r codau hysbys agosaf.
error-description-unknown-category = Categorïau yw codau tacsonomeg gwasanaethau Signpost (`mentoring`, `housing`, `employment`, ...). Nid yw'r cod a roddwyd yn un ohonynt; mae `suggestions` y broblem yn rhestru'r codau hysbys agosaf.
error-description-unknown-faith = Ffyddau yw codau geirfa ffydd Signpost (`muslim`, `sikh`, `christian`, ...). Nid yw'r cod a roddwyd yn un ohonynt; mae `suggestions` y broblem yn rhestru'r codau hysbys agosaf.
error-description-invalid-parameter = Mae gan baramedr ymholiad y math anghywir neu werth amhosibl (rhif tudalen o dan 1, lledred heb hydred, ymholiad sy'n hwy na 500 nod, ...). Mae `detail` y broblem yn enwi'r paramedr a'r hyn oedd o'i le arno.
error-description-not-found = Nid oes dim yn y cyfeiriad hwn, neu nid yw'r cofnod y gofynnwyd amdano (gwasanaeth, term tacsonomeg neu allwedd) yn bodoli: efallai ei fod wedi'i ddileu neu fod ei id wedi'i deipio'n anghywir. Mae'r ddogfen OpenAPI yn `/api/openapi.json` yn rhestru pob cyfeiriad y mae'r API yn ei ateb.
error-description-payload-too-large = Mae corff y cais yn fwy na'r hyn y mae'r gweinydd yn ei dderbyn. Rhannwch fewnforio mawr yn sawl cais llai, neu mewnforiwch y ffeil gyda `signpost import` ar y gweinydd ei hun.
error-description-method-not-allowed = Mae'r cyfeiriad yn bodoli, ond nid ar gyfer y dull HTTP hwn (`DELETE` ar chwiliad, `GET` ar y cyfeiriad mewnforio, ...). Mae'r pennawd `Allow` yn rhestru'r dulliau y mae'n eu derbyn; mae'r ddogfen OpenAPI yn `/api/openapi.json` yn eu rhestru i gyd.
error-description-uri-too-long = Mae'r cyfeiriad (y llwybr a'r llinyn ymholiad) yn hwy na'r hyn y mae'r gweinydd yn ei ddarllen. Byrhewch yr ymholiad: mae testun rhydd wedi'i gyfyngu i 500 nod, a rhestr fer i'r gwasanaethau y mae'n eu henwi.
error-description-headers-too-large = Mae penawdau'r cais (gan gynnwys cwcis) yn fwy na'r hyn y mae'r gweinydd yn ei ddarllen. Cliriwch gwcis y wefan neu anfonwch lai o benawdau, yna rhowch gynnig arall arni.
error-description-malformed-request = Ni allai'r gweinydd ddarllen y cais fel HTTP/1.1: mae ei ddull, ei gyfeiriad, ei fersiwn neu un o'i benawdau wedi'i ffurfio'n wael. Nam yn y cleient a'i hanfonodd yw hyn fel arfer.
error-description-unauthorized = Mae angen allwedd API i ysgrifennu ac i ddarllen y log archwilio, wedi'i hanfon fel `Authorization: Bearer <key>`. Naill ai ni anfonwyd allwedd neu nid yw'r allwedd yn ddilys (wedi'i theipio'n anghywir, neu wedi'i dirymu). Mae gweinyddwr yn creu allweddi gyda `signpost keys create`.
error-description-forbidden = Mae'r allwedd yn ddilys ond nid yw ei rôl yn caniatáu'r cais hwn: mae angen allwedd golygydd (neu weinyddwr) i ysgrifennu gwasanaethau, ac allwedd gweinyddwr i ddarllen y log archwilio.
error-description-rate-limited = Anfonodd y cleient hwn fwy o geisiadau yn y funud ddiwethaf nag y mae'r gweinydd yn ei ganiatáu. Arhoswch am y nifer o eiliadau a roddir yn y pennawd `Retry-After`, yna rhowch gynnig arall arni.
error-description-invalid-body = Ni ellid darllen corff y cais fel yr hyn y mae'r cyfeiriad hwn yn ei ddisgwyl: nid yw'n JSON, nid yw'n UTF-8, neu nid yw'n wasanaeth HSDS 3.0 nac yn broffil paru dilys. Mae `detail` y broblem yn dweud pa faes neu linell oedd yn anghywir; ni ysgrifennwyd dim.
error-description-conflict = Ni ellir cymhwyso'r cais at y cyfeiriadur fel y mae ar hyn o bryd: er enghraifft, mae gwasanaeth gyda'r id hwn yn bodoli eisoes (rhowch un newydd yn ei le gyda PUT), neu mae allwedd gyda'r enw hwn yn bodoli.
error-description-invalid-referral-move = Mae atgyfeiriad yn symud sent → accepted neu declined, accepted → attended neu did_not_attend, a phob statws ond closed → closed; mae'r gwasanaeth y'i hanfonwyd ato yn cofnodi'r canlyniadau, a gall y tîm a'i hanfonodd ei gau. Mae `detail` y broblem yn dweud ble mae'r atgyfeiriad nawr ac mae ei `suggestions` yn rhestru'r symudiadau y cewch eu gwneud (docs/referrals.md).
error-description-timeout = Rhoddodd y gweinydd y gorau i weithio ar y cais am iddo gymryd mwy o amser na'r hyn a ganiateir. Rhowch gynnig arall arni; os yw'n dal i ddigwydd, culhewch y chwiliad (radiws llai neu lai o eiriau).
error-description-unavailable = Mae'r gweinydd yn rhedeg ond nid yw ei storfa na'i fynegai chwilio yn barod eto (efallai ei fod yn cychwyn neu'n ailadeiladu ei fynegai). Rhowch gynnig arall arni ymhen ychydig.
error-description-store-unavailable = Mae'r gweinydd Signpost hwn yn cadw ei gyfeiriadur yn PostgreSQL, ac ni all ei gyrraedd ar hyn o bryd. Mae chwiliadau'n parhau o fynegai'r gweinydd ei hun, ond gwrthodir ysgrifennu (a darllen cofnodion y mae'n rhaid eu nôl o'r storfa) nes i'r cysylltiad ddod yn ôl, heb fod angen ailgychwyn. Rhowch gynnig arall arni ymhen ychydig eiliadau.
error-description-internal = Aeth rhywbeth o'i le ar ochr y gweinydd. Mae'r achos wedi'i gofnodi ar gyfer y bobl sy'n rhedeg y Signpost hwn; gellir rhoi cynnig arall ar y cais yn nes ymlaen.

## Y dudalen canlyniadau

results-found = { $count ->
    [0] Dim gwasanaethau wedi'u canfod
    [one] { $count } gwasanaeth wedi'i ganfod
    [two] { $count } wasanaeth wedi'u canfod
   *[other] { $count } gwasanaeth wedi'u canfod
}
results-title = { $count ->
    [0] Dim gwasanaethau wedi'u canfod ar gyfer "{ $query }"
    [one] { $count } gwasanaeth wedi'i ganfod ar gyfer "{ $query }"
    [two] { $count } wasanaeth wedi'u canfod ar gyfer "{ $query }"
   *[other] { $count } gwasanaeth wedi'u canfod ar gyfer "{ $query }"
}
results-not-utf8 = Nid yw'r chwiliad yn destun UTF-8. Teipiwch ef eto, neu dechreuwch chwiliad newydd.
results-understood = Sut y deallwyd eich chwiliad
results-chips-hint = Dewiswch ran i chwilio hebddi.
results-chip-words = geiriau: { $words }
results-chip-remove = Tynnu: { $part }
results-relaxed = Nid oes unrhyw wasanaeth yn cyfateb i bob gair yn eich chwiliad: daw'r rhai sy'n cyfateb i fwy ohonynt yn gyntaf.
results-heading = Canlyniadau
results-partial = Gwasanaethau sy'n cyfateb i rai o'ch geiriau yn unig
results-why = Pam mae'n cyfateb:
results-add-to-shortlist = Ychwanegu at y rhestr fer
results-not-checked-since = Heb ei wirio ers { $date }
results-never-checked = Heb ei wirio gan berson eto
results-view-shortlist = Gweld y rhestr fer
results-ticked = wedi'u ticio
results-filters = Hidlo'r canlyniadau
results-filter-distance = Pellter
results-within-miles = { $miles ->
    [one] O fewn { $miles } filltir
    [two] O fewn { $miles } filltir
   *[other] O fewn { $miles } milltir
}
results-filter-open-cost = Oriau agor, cost ac ar gyfer pwy
results-filter-open-now = Ar agor nawr
results-filter-free = Am ddim
results-filter-women = Addas i fenywod
results-filter-men = Addas i ddynion
results-filter-language = Iaith
results-filter-category = Math o gymorth
results-filter-faith = Ffydd
results-pages = Tudalennau o ganlyniadau
results-previous = Tudalen flaenorol
results-next = Tudalen nesaf
results-page = Tudalen { $page }
results-try = Rhowch gynnig ar
results-try-spelling = wirio sillafiad y lle neu'r cod post

## Manylion gwasanaeth (canlyniadau, rhestr fer, tudalen y gwasanaeth)

service-demo-tag = Data arddangos
service-distance = Pellter
service-distance-miles = { $miles } milltir
service-categories = Math o gymorth
service-languages = Ieithoedd
service-opening-times = Oriau agor
service-contact = Cysylltu
service-eligibility = Ar gyfer pwy
service-cost = Cost
service-free = Am ddim
service-last-verified = Gwiriwyd ddiwethaf
service-not-recorded = Heb ei gofnodi
service-demo-warning = Data arddangos yw hwn: gwasanaeth ffug mewn cod post go iawn, er mwyn rhoi cynnig ar Signpost. Peidiwch ag atgyfeirio neb ato.
service-where = Ble
service-confidential = Mae gan y gwasanaeth hwn gyfeiriad cyfrinachol (lloches neu dŷ diogel). Ni chaiff ei ddangos byth: cysylltwch â'r gwasanaeth i wneud atgyfeiriad.
service-access = Mynediad
service-shortlist = Rhestr fer
service-start-shortlist = Dechrau rhestr fer gyda'r gwasanaeth hwn
service-report = Rhoi gwybod am broblem gyda'r wybodaeth hon
service-navigator = Llywiwr
service-refer = Atgyfeirio rhywun i'r gwasanaeth hwn
service-edit = Golygu'r gwasanaeth hwn
service-verified-today = Nodi ei fod wedi'i wirio heddiw

## Dyddiau, misoedd, oriau, dyddiadau ac ar gyfer pwy y mae gwasanaeth

format-day-mo = Llun
format-day-tu = Maw
format-day-we = Mer
format-day-th = Iau
format-day-fr = Gwe
format-day-sa = Sad
format-day-su = Sul
format-month-1 = Ionawr
format-month-2 = Chwefror
format-month-3 = Mawrth
format-month-4 = Ebrill
format-month-5 = Mai
format-month-6 = Mehefin
format-month-7 = Gorffennaf
format-month-8 = Awst
format-month-9 = Medi
format-month-10 = Hydref
format-month-11 = Tachwedd
format-month-12 = Rhagfyr
format-date = { $day } { $month } { $year }
format-hours = { $opens } tan { $closes }
format-hours-from = o { $opens } ymlaen
format-hours-until = tan { $closes }
format-source = Ffynhonnell: { $source }
format-licence = , trwydded { $licence }
format-women-only = menywod yn unig
format-men-only = dynion yn unig
format-ages = { $min } i { $max } oed
format-aged-over = { $min } oed neu hŷn
format-aged-up-to = hyd at { $max } oed

## Map y canlyniadau

map-title = Map o'r canlyniadau
map-description = Map o'r canlyniadau ar y dudalen hon ({ $count }) o fewn { $distance } i { $place }.
map-description-in-area = Map o'r canlyniadau ar y dudalen hon ({ $count }) o fewn { $distance } i { $place }, yn ardal { $area }.
map-key = Yr amlinell wedi'i lliwio yw { $area }; y cylch toredig yw radiws y chwiliad; y dot coch yw { $place }.

## Y rhestr fer

shortlist-heading = Rhestr fer
shortlist-printed-on = Gwasanaethau a roddwyd ar restr fer gyda Signpost ar { $date }.
shortlist-missing = { $count ->
    [one] Nid yw { $count } o'r gwasanaethau yn y ddolen hon wedi'i restru mwyach.
   *[other] Nid yw { $count } o'r gwasanaethau yn y ddolen hon wedi'u rhestru mwyach.
}
shortlist-empty = Mae eich rhestr fer yn wag. Ticiwch "Ychwanegu at y rhestr fer" wrth ymyl gwasanaethau yn eich canlyniadau chwilio, yna dewiswch "Gweld y rhestr fer".
shortlist-search = Chwilio am wasanaethau
shortlist-count = { $count ->
    [one] { $count } gwasanaeth ar y rhestr fer.
    [two] { $count } wasanaeth ar y rhestr fer.
   *[other] { $count } gwasanaeth ar y rhestr fer.
}
shortlist-print = Argraffu'r rhestr fer hon
shortlist-download = Lawrlwytho fel taenlen (CSV)
shortlist-link = Dolen i'r rhestr fer hon
shortlist-link-hint = Mae unrhyw un sydd â'r ddolen yn gweld yr un gwasanaethau. Nid yw'n cynnwys unrhyw fanylion personol.
shortlist-copy = Copïo'r ddolen
shortlist-copied = Dolen wedi'i chopïo.
shortlist-where = Ble:
shortlist-remove = Tynnu
shortlist-clear = Clirio'r rhestr fer

## Rhoi gwybod am broblem gyda chofnod gwasanaeth

report-title = Rhoi gwybod am broblem
report-heading = Rhoi gwybod am broblem gyda { $service }
report-intro = Dywedwch wrthym beth sy'n anghywir neu wedi dyddio. Mae llywiwr yn gwirio pob adroddiad cyn i'r cofnod newid.
report-message = Beth sy'n anghywir?
report-message-hint = Er enghraifft: mae'r rhif ffôn wedi newid, neu nid yw'n cael ei gynnal ar ddydd Sadwrn mwyach. Peidiwch â chynnwys manylion personol neb.
report-contact = Eich e-bost neu'ch rhif ffôn (dewisol)
report-contact-hint = Dim ond os ydych yn fodlon i lywiwr gysylltu â chi am yr adroddiad hwn.
report-send = Anfon adroddiad
report-back = Yn ôl i { $service }
report-error-empty = Dywedwch beth sy'n anghywir gyda'r cofnod
report-error-message-long = Rhaid i'r adroddiad fod yn { $max } nod neu lai
report-error-contact-long = Rhaid i'r manylion cyswllt fod yn { $max } nod neu lai
report-sent-title = Adroddiad wedi'i anfon
report-sent-heading = Diolch: mae eich adroddiad wedi'i anfon
report-sent-body = Bydd llywiwr yn ei wirio cyn i'r cofnod ar gyfer { $service } newid.

## Ffurflen llywiwr i ychwanegu neu olygu gwasanaeth

edit-add-heading = Ychwanegu gwasanaeth
edit-heading = Golygu { $service }
edit-name = Enw'r gwasanaeth
edit-organisation = Sefydliad
edit-description = Beth mae'r gwasanaeth yn ei wneud
edit-eligibility = Ar gyfer pwy
edit-languages = Ieithoedd a siaredir (codau ISO 639)
edit-languages-hint = Wedi'u gwahanu gan atalnodau, er enghraifft: eng, ben, syl
edit-categories = Math o gymorth
edit-open-to = Yn agored i
edit-open-to-everyone = Pawb
edit-open-to-women = Menywod yn unig
edit-open-to-men = Dynion yn unig
edit-free = Am ddim
edit-phone = Ffôn
edit-email = E-bost
edit-postcode = Cod post lle mae'n cyfarfod
edit-postcode-hint = Mae ei newid yn symud lleoliad cyntaf y gwasanaeth i'r cod post hwnnw.
edit-opening = Oriau agor
edit-opening-hint = Un llinell ar gyfer pob sesiwn wythnosol: dyddiau (MO TU WE TH FR SA SU, wedi'u gwahanu gan atalnodau) ac yna oriau, er enghraifft MO,WE 18:00-20:30
edit-verified = Rwyf wedi gwirio'r manylion hyn gyda'r gwasanaeth heddiw
edit-save = Cadw
edit-error-name = Rhowch enw'r gwasanaeth
edit-error-language = Nid yw "{ $given }" yn god iaith ISO 639 (er enghraifft ben, syl, urd, pol)
edit-error-opening = Nid yw "{ $line }" yn ddyddiau ac yna oriau, fel MO,WE 18:00-20:30
edit-error-category = Nid yw "{ $code }" yn gategori
edit-error-postcode = Nid yw "{ $postcode }" yn god post hysbys yn y DU

## The match form: languages by name, and the times the person cannot attend

match-languages-spoken = Ieithoedd a siaredir
match-languages-spoken-hint = Enwau neu godau ISO 639, wedi'u gwahanu gan atalnodau, er enghraifft: Sylheti, বাংলা, Cymraeg, eng
match-language-preferred = Yr iaith a ffefrir
match-cannot-attend = Amseroedd na all yr unigolyn ddod
match-cannot-attend-hint = Ticiwch yr amseroedd na all ddod, er enghraifft oherwydd gwaith, apwyntiadau neu ofal plant. Gadewch nhw i gyd yn wag os yw unrhyw amser yn addas.
match-part-morning = bore (cyn 12:00)
match-part-afternoon = prynhawn (12:00 i 17:00)
match-part-evening = min nos (ar ôl 17:00)

## Tudalennau'r llywiwr

navigator-form-expired = Mae'r ffurflen wedi dod i ben. Ewch yn ôl, ail-lwythwch y dudalen a rhowch gynnig arall arni.
navigator-sign-in-heading = Mewngofnodi fel llywiwr
navigator-sign-in-intro = Mae llywwyr yn cadw'r cyfeiriadur yn gyfredol. Mewngofnodwch gyda'r allwedd API a roddwyd i chi (allwedd golygydd neu weinyddwr).
navigator-key = Allwedd API
navigator-key-hint = Mae'n dechrau gyda sp_. Ni chaiff byth ei chadw yn eich porwr.
navigator-sign-in = Mewngofnodi
navigator-key-not-recognised = Ni chafodd yr allwedd API ei hadnabod
navigator-heading = Llywiwr
navigator-signed-in-as = Wedi mewngofnodi fel
navigator-sign-out = Allgofnodi
navigator-reports-open = Adroddiadau am broblemau ({ $count } ar agor)
navigator-reports-heading = Adroddiadau am broblemau
navigator-reports-none = Nid oes unrhyw adroddiadau ar agor.
navigator-reports-intro = { $count } ar agor, yr hynaf yn gyntaf. Gwiriwch bob un, golygwch y gwasanaeth os oes angen, yna nodwch fod yr adroddiad wedi'i drin.
navigator-reports-caption = Adroddiadau am broblemau sydd ar agor
navigator-col-service = Gwasanaeth
navigator-col-received = Derbyniwyd
navigator-col-report = Adroddiad
navigator-col-contact = Cyswllt
navigator-col-action = Cam gweithredu
navigator-none-given = Dim wedi'i roi
navigator-mark-dealt-with = Nodi ei fod wedi'i drin
navigator-report-number = adroddiad { $id }
navigator-harvests-heading = Cynaeafau
navigator-harvests-none = Nid oes unrhyw ffrwd Open Referral UK wedi'i chynaeafu i'r cyfeiriadur hwn eto.
navigator-harvests-intro = Cynhaeaf olaf pob ffrwd Open Referral UK. Nid yw cynhaeaf a fethodd yn newid dim; mae'r nesaf yn rhoi cynnig arall arni.
navigator-harvests-caption = Cynhaeaf olaf pob ffynhonnell
navigator-col-source = Ffynhonnell
navigator-col-finished = Gorffennwyd
navigator-col-outcome = Canlyniad
navigator-harvest-ok = { $new } newydd, { $updated } wedi'u diweddaru, { $unchanged } heb newid, { $withdrawn } wedi'u tynnu'n ôl, { $set_aside } gwerth wedi'u neilltuo
navigator-harvest-failed = Methodd: { $error }
navigator-harvest-finished = { $date }, { $time } UTC

## Y ffurflen baru a'i chanlyniadau

match-intro = Disgrifiwch yr unigolyn i ddod o hyd i'r gwasanaethau o fewn cyrraedd sy'n addas iddo. Nid oes dim a roddwch yma yn cael ei gadw: caiff ei ddefnyddio ar gyfer y paru hwn ac yna ei anghofio.
match-needs = Pa gymorth sydd ei angen ar yr unigolyn?
match-needs-hint = Ticiwch bob math o gymorth, a thiciwch "hanfodol" lle na all wneud hebddo.
match-essential = hanfodol
match-interpreter = Mae cyfieithydd ar y pryd yn dderbyniol
match-not-given = Heb ei nodi
match-observance-friday-prayers = Gweddïau canol dydd dydd Gwener (Jummah)
match-observance-shabbat = Shabbat (dim sesiynau ar ddydd Sadwrn)
match-observance-avoid-festivals = Osgoi dyddiau gŵyl y ffydd
match-wants-faith-service = Hoffai gael gwasanaeth o'i ffydd ei hun
match-about = Am yr unigolyn
match-gender = Rhywedd yr unigolyn
match-gender-preference = Byddai'n well ganddo weld staff sy'n
match-gender-female = Benyw
match-gender-male = Gwryw
match-age = Oedran mewn blynyddoedd
match-where = Ble mae'n byw
match-postcode = Cod post y cartref
match-miles = Y pellter mwyaf y gall deithio, mewn milltiroedd
match-miles-hint = Pellter mewn llinell syth. Gadewch yn wag ar gyfer 5 milltir.
match-access = Mynediad ac anghenion eraill
match-access-wheelchair = Yn defnyddio cadair olwyn
match-access-learning-disability = Anabledd dysgu
match-access-bsl = Iaith Arwyddion Prydain
match-nrpf = Dim hawl i arian cyhoeddus (NRPF)
match-submit = Dod o hyd i wasanaethau
match-results = Gwasanaethau sy'n addas ({ $count })
match-none = Nid oes unrhyw wasanaeth o fewn cyrraedd yn addas. Rhowch gynnig ar bellter hirach neu lai o anghenion hanfodol.
match-distance-score = { $distance } i ffwrdd · sgôr { $score }
match-unmet = Anghenion nad oes dim o fewn cyrraedd yn eu diwallu
match-unmet-hint = Uwchgyfeiriwch y rhain: ni chafwyd hyd i wasanaeth addas ar eu cyfer.
match-error-postcode-unknown = Ni chafwyd hyd i god post y cartref: gwiriwch ef a rhowch gynnig arall arni
match-error-check = Gwiriwch y ffurflen: { $error }
match-error-needs = Ticiwch o leiaf un math o gymorth sydd ei angen ar yr unigolyn
match-error-postcode = Rhowch god post cartref yr unigolyn
match-error-age = Rhowch oedran yr unigolyn fel nifer cyfan o flynyddoedd
match-error-miles = Rhowch y pellter mwyaf fel nifer o filltiroedd
match-error-miles-zero = Rhaid i'r pellter mwyaf fod yn fwy na 0 milltir

## Referrals: the "Refer" form, the list and one referral
referral-refer = Atgyfeirio
referral-refer-hidden = { " " }rhywun at { $service }
referral-title-list = Atgyfeiriadau
referral-title-one = Atgyfeiriad
referral-problem = Mae problem
referral-refer-heading = Atgyfeirio rhywun at y gwasanaeth { $service }
referral-refer-intro = Defnyddiwch gyfeirnod achos eich tîm, byth enw'r unigolyn. Mae'r gwasanaeth yn gweld yr atgyfeiriad ac yn cofnodi beth sy'n digwydd.
referral-case-ref = Cyfeirnod achos
referral-case-ref-hint = Cyfeirnod eich tîm ei hun, er enghraifft WSL-0042. Nid enw.
referral-needs-legend = Beth sydd ei angen ar yr unigolyn?
referral-equality-legend = Monitro cydraddoldeb (dewisol)
referral-equality-hint = Dim ond gyda chytundeb yr unigolyn. Caiff yr atebion hyn eu hamgryptio, a'u defnyddio dim ond i weld a yw rhai grwpiau'n cael eu hatgyfeirio, eu derbyn neu eu helpu'n llai aml nag eraill.
referral-ethnic-group = Grŵp ethnig (Cyfrifiad 2021)
referral-religion = Crefydd (Cyfrifiad 2021)
referral-not-recorded = Heb ei gofnodi
referral-not-stated = Heb ei nodi
referral-main-language = Prif iaith
referral-main-language-hint = Cod ISO 639-3, er enghraifft syl (Syleteg), ben (Bengaleg), urd (Wrdw), pol (Pwyleg).
referral-sex = Rhyw
referral-sex-female = Benyw
referral-sex-male = Gwryw
referral-age = Oedran
referral-send = Anfon yr atgyfeiriad
referral-back-to = Yn ôl i'r gwasanaeth { $service }
referral-list-intro = Yr atgyfeiriadau a anfonodd eich tîm, a'r rhai a anfonwyd at wasanaethau eich sefydliad.
referral-status = Statws
referral-any = Unrhyw un
referral-service-id = Dynodydd y gwasanaeth
referral-filter = Hidlo
referral-none = Dim atgyfeiriadau.
referral-service = Gwasanaeth
referral-sent = Anfonwyd
referral-actions = Camau
referral-removed = (wedi'i ddileu)
referral-heading = Atgyfeiriad { $ref }
referral-reason = Rheswm
referral-sent-by = Anfonwyd gan
referral-needs = Anghenion
referral-record-heading = Cofnodi beth ddigwyddodd
referral-all = Pob atgyfeiriad
referral-needs-none = Dim wedi'u cofnodi
referral-move-hidden = : atgyfeiriad { $ref }
referral-status-sent = Anfonwyd
referral-status-accepted = Derbyniwyd
referral-status-declined = Gwrthodwyd
referral-status-attended = Wedi mynychu
referral-status-did-not-attend = Heb fynychu
referral-status-closed = Caewyd
referral-move-sent = Anfon
referral-move-accepted = Derbyn
referral-move-declined = Gwrthod
referral-move-attended = Wedi mynychu
referral-move-did-not-attend = Heb fynychu
referral-move-closed = Cau
referral-reason-not-eligible = Ddim yn gymwys
referral-reason-full = Mae'r gwasanaeth yn llawn
referral-reason-no-contact = Methu cysylltu
referral-reason-person-declined = Gwrthododd yr unigolyn
referral-reason-other = Rheswm arall
ethnic-heading-asian = Asiaidd, Asiaidd Prydeinig neu Asiaidd Cymreig
ethnic-heading-black = Du, Du Prydeinig, Du Cymreig, Caribïaidd neu Affricanaidd
ethnic-heading-mixed = Grwpiau ethnig cymysg neu luosog
ethnic-heading-white = Gwyn
ethnic-heading-other = Grŵp ethnig arall
ethnic-asian-bangladeshi = Bangladeshaidd
ethnic-asian-chinese = Tsieineaidd
ethnic-asian-indian = Indiaidd
ethnic-asian-pakistani = Pacistanaidd
ethnic-asian-other = Asiaidd arall
ethnic-black-african = Affricanaidd
ethnic-black-caribbean = Caribïaidd
ethnic-black-other = Du arall
ethnic-mixed-white-asian = Gwyn ac Asiaidd
ethnic-mixed-white-black-african = Gwyn a Du Affricanaidd
ethnic-mixed-white-black-caribbean = Gwyn a Du Caribïaidd
ethnic-mixed-other = Grwpiau ethnig cymysg neu luosog eraill
ethnic-white-british = Cymreig, Seisnig, Albanaidd, Gwyddelig Gogleddol neu Brydeinig
ethnic-white-irish = Gwyddelig
ethnic-white-gypsy-irish-traveller = Sipsi neu Deithiwr Gwyddelig
ethnic-white-roma = Roma
ethnic-white-other = Gwyn arall
ethnic-other-arab = Arabaidd
ethnic-other-any = Unrhyw grŵp ethnig arall

## The admin's equality heatmap
equality-title = Monitro cydraddoldeb
equality-intro = Pwy sy'n cael eu hatgyfeirio, eu derbyn a'u helpu, fesul grŵp, o'u cymharu â grŵp cymharu. Ni ddangosir niferoedd bach (llai na 5).
equality-problem = Mae problem
equality-admin-only = Dim ond gweinyddwr sy'n cael gweld map gwres cydraddoldeb.
equality-bad-date = { $label }: rhaid iddo fod yn ddyddiad, er enghraifft 2026-01-31.
equality-date-from = O
equality-date-to = Hyd at
equality-from = Atgyfeiriadau a anfonwyd o
equality-to = hyd at
equality-group-by = Grwpio yn ôl
equality-by-ethnic-group = Grŵp ethnig
equality-by-religion = Crefydd
equality-by-main-language = Prif iaith
equality-by-sex = Rhyw
equality-by-age-band = Band oedran
equality-reference = Grŵp cymharu
equality-reference-hint = Cod y grŵp y caiff pob grŵp arall ei gymharu ag ef, er enghraifft white-british.
equality-caseload = Llwyth achosion (dewisol)
equality-caseload-hint = Gludwch CSV gyda'r colofnau group,count: faint o bobl y mae'r tîm yn gweithio gyda nhw ym mhob grŵp. Caiff ei ddefnyddio ar gyfer y dudalen hon yn unig ac ni chaiff ei gadw. Hebddo, mae'r cyfraddau fesul atgyfeiriad.
equality-show = Dangos y map gwres
equality-none = Ni anfonwyd unrhyw atgyfeiriadau yn y cyfnod hwn.
equality-caption = Mynegai cyfradd gymharol fesul grŵp a mesur, o'i gymharu â { $reference }
equality-group = Grŵp
equality-metric-referred = Atgyfeiriwyd
equality-metric-accepted = Derbyniwyd
equality-metric-attended = Wedi mynychu
equality-wait-accepted = Amser aros canolrifol nes cael eu derbyn
equality-wait-attended = Amser aros canolrifol nes mynychu
equality-is-reference = { " " }(grŵp cymharu)
equality-key = Lliwiau: porffor islaw cyfradd y grŵp cymharu, oren uwch ei phen, gwyn yr un fath; lliw llawn ar hanner neu ddwbl. Baneri: uwch neu is pan fo'r cyfwng 95 % cyfan uwchlaw neu islaw 1, tebyg pan fo'n cynnwys 1. Wedi'i atal: mae cyfrif neu sylfaen, y grŵp neu'r grŵp cymharu, yn llai na 5.
equality-not-in-caseload = Dim rhes llwyth achosion, felly dim cyfradd atgyfeirio, ar gyfer: { $groups }
equality-no-data = dim data
equality-suppressed = wedi'i atal
equality-interval = CI 95 % { $low }–{ $high }
equality-flag-reference = grŵp cymharu
equality-flag-higher = uwch
equality-flag-lower = is
equality-flag-similar = tebyg
equality-flag-suppressed = wedi'i atal
equality-count-of-base = { $count } o { $base }
equality-days = { $days } diwrnod
equality-referrals = { $count } atgyfeiriad

## The navigators' queue
queue-title = Ciw'r llywiwr
queue-intro = Beth sydd angen i rywun edrych arno: dyblygiadau posibl, cofnodion nad oes neb wedi'u gwirio ers { $months } mis, ac adroddiadau agored am broblemau.
queue-reports = Adroddiadau am broblemau
queue-reports-none = Does dim adroddiadau agored.
queue-reports-link = Delio â'r adroddiadau
queue-duplicates = Dyblygiadau posibl
queue-duplicates-none = Does dim gwasanaethau sy'n edrych fel yr un gwasanaeth wedi'i restru ddwywaith.
queue-duplicates-intro = Gallai { $count } pâr fod yn un gwasanaeth wedi'i restru ddwywaith, y mwyaf tebygol yn gyntaf. Mae cyfuno yn cadw un cofnod (yr un mwyaf cyflawn, oni bai eich bod yn dewis) ac yn gwneud y llall yn anweithredol, gan gyfeirio ato; cadwch nhw ar wahân ac ni chaiff y pâr ei gynnig eto.
queue-services = Gwasanaethau
queue-score = Sgôr
queue-why = Pam
queue-decision = Penderfyniad
queue-keep = Cadw
queue-keep-more-complete = yr un mwyaf cyflawn
queue-merge = Cyfuno
queue-keep-apart = Cadw ar wahân
queue-stale-heading = Heb eu gwirio ers { $months } mis
queue-stale-none = Mae pob cofnod wedi'i wirio o fewn y cyfnod.
queue-stale-intro = Y rhai a wiriwyd leiaf diweddar yn gyntaf (hyd at { $shown }). Gwiriwch bob un gyda'r gwasanaeth, yna nodwch ei fod wedi'i wirio.
queue-stale-caption = Cofnodion nad ydynt wedi'u gwirio'n ddiweddar
queue-service = Gwasanaeth
queue-last-checked = Gwiriwyd ddiwethaf
queue-action = Cam
queue-never = Byth
queue-mark-checked = Nodi ei fod wedi'i wirio heddiw

## The navigator page's links and data problems, and a service's data problems
navigator-back = Yn ôl i dudalen y llywiwr
navigator-queue-link = Ciw
navigator-queue-what = : dyblygiadau posibl, cofnodion heb eu gwirio'n ddiweddar, adroddiadau am broblemau
navigator-referrals-link = Atgyfeiriadau
navigator-referrals-what = { " " }a anfonwyd gan eich tîm neu at eich sefydliad
navigator-equality-link = Monitro cydraddoldeb
navigator-equality-what = : pwy sy'n cael eu hatgyfeirio, eu derbyn a'u helpu, fesul grŵp
navigator-edit-before = I olygu gwasanaeth, dewch o hyd iddo drwy{ " " }
navigator-edit-search = chwilio
navigator-edit-after = { " " }a dewiswch "{ $edit }" ar ei dudalen.
navigator-data-problems = Problemau data
navigator-data-problems-none = Does dim gwerthoedd wedi'u rhoi o'r neilltu o gofnodion a fewnforiwyd neu a gasglwyd.
navigator-data-problems-total = Rhoddwyd { $total } gwerth o'r neilltu o gofnodion a fewnforiwyd neu a gasglwyd (nid ydynt yn cael eu gweini, eu chwilio na'u mapio)
navigator-data-problems-newest = ; dangosir y { $shown } mwyaf diweddar
navigator-data-problems-ask = . Gofynnwch i'r cyhoeddwr eu cywiro, neu golygwch y gwasanaeth.
navigator-data-problems-caption = Problemau data, y mwyaf diweddar yn gyntaf
navigator-col-where = Ble
navigator-col-value = Gwerth
navigator-col-why-set-aside = Pam y'i rhoddwyd o'r neilltu
service-data-problems-intro = Rhoddwyd y gwerthoedd hyn o'r neilltu pan gafodd y cofnod ei fewnforio neu ei gasglu: nid ydynt yn cael eu gweini, eu chwilio na'u mapio.
