# reasons: why a search or match result fits, search notes and chips (engine and matcher reasons rendered by the faces)
#
# Welsh reasons. Terms as in docs/welsh-glossary.md; days take the soft mutation after "ar" and as
# adverbs ("ar agor ddydd Llun"); "milltir" is feminine ("1 filltir"). Times are 24-hour.

## Pieces

hit-day-when = { $day ->
    [mon] ddydd Llun
    [tue] ddydd Mawrth
    [wed] ddydd Mercher
    [thu] ddydd Iau
    [fri] ddydd Gwener
    [sat] ddydd Sadwrn
   *[sun] ddydd Sul
}
hit-one-mile = 1 filltir
hit-miles = { $miles } milltir
hit-ages-between = oed { $minimum }-{ $maximum }
hit-ages-from = oed { $minimum } a throsodd
hit-ages-up-to = hyd at { $maximum } oed

## A search result

hit-why-this-fits = Pam mae hwn yn addas:
hit-speaks = yn siarad { $language }
hit-faith = ffydd { $faith }
hit-for-gender = { $gender ->
    [female] i fenywod
   *[male] i ddynion
}
hit-any-age = unrhyw oed
hit-any-age-asked = unrhyw oed (gofynnwyd am { $age })
hit-open-now = ar agor nawr
hit-open-day-at = ar agor { $day } am { $time }
hit-open-on-day = ar agor { $day }
hit-free = am ddim
hit-some-words = yn cyfateb i rai o'ch geiriau: { $words }
hit-no-words = nid yw'n cyfateb i'r un o'ch geiriau
hit-covers = yn gwasanaethu ardal { $place }
hit-distance-from = { $distance } o ardal { $place }
hit-under-a-mile-away = llai na milltir i ffwrdd
hit-about-one-mile-away = tua 1 filltir i ffwrdd
hit-about-miles-away = tua { $miles } milltir i ffwrdd

## A match's criteria

fit-need-essential = { $category } (hanfodol)
fit-within-limit = { $distance }, terfyn { $limit }
fit-speaks-preferred = yn siarad { $language } (yr iaith a ffefrir)
fit-speaks-not-preferred = yn siarad { $language }, nid { $preferred }
fit-languages-assumed = (tybiwyd: dim ieithoedd wedi'u rhestru)
fit-no-shared-language-interpreting = dim iaith gyffredin; yn cynnig gwasanaeth cyfieithu
fit-no-shared-language-interpreter = dim iaith gyffredin; mae angen cyfieithydd
fit-open-to-everyone = ar agor i bawb
fit-gender-only = { $gender ->
    [female] i fenywod yn unig
   *[male] i ddynion yn unig
}
fit-gender-only-not-given = { $gender ->
    [female] i fenywod yn unig; ni roddwyd rhywedd yr unigolyn
   *[male] i ddynion yn unig; ni roddwyd rhywedd yr unigolyn
}
fit-gender-service = { $gender ->
    [female] gwasanaeth i fenywod
   *[male] gwasanaeth i ddynion
}
fit-staff-gender-not-stated = { $gender ->
    [female] rhywedd y staff heb ei nodi (ffefrir gwasanaeth i fenywod)
   *[male] rhywedd y staff heb ei nodi (ffefrir gwasanaeth i ddynion)
}
fit-age-not-given = { $ages }; oed heb ei roi
fit-no-age-limit = dim terfyn oed
fit-faith-service = gwasanaeth ffydd { $faith }
fit-not-faith-based = nid yw'n seiliedig ar ffydd
fit-access-stated = { $need ->
    [wheelchair] mynediad i gadeiriau olwyn wedi'i nodi
    [learning-disability] cymorth anabledd dysgu wedi'i nodi
   *[bsl] BSL wedi'i nodi
}
fit-access-not-stated = { $need ->
    [wheelchair] mynediad i gadeiriau olwyn heb ei nodi
    [learning-disability] cymorth anabledd dysgu heb ei nodi
   *[bsl] BSL heb ei nodi
}
fit-nrpf-open = ar agor i bobl heb hawl i arian cyhoeddus
fit-nrpf-not-said = nid yw'n dweud a all pobl heb hawl i arian cyhoeddus ei ddefnyddio

## Opening times, observances and festivals

fit-days = { $day ->
    [mon] ar ddydd Llun
    [tue] ar ddydd Mawrth
    [wed] ar ddydd Mercher
    [thu] ar ddydd Iau
    [fri] ar ddydd Gwener
    [sat] ar ddydd Sadwrn
   *[sun] ar ddydd Sul
}
fit-session-at = { $days } am { $time }
fit-times-not-stated = oriau agor heb eu nodi
fit-open-when-available = ar agor { $session } pan fo'r unigolyn ar gael
fit-open-times-not-stated = ar agor { $session } (oriau heb eu nodi)
fit-open-not-when-available = ar agor { $sessions }; nid pan fo'r unigolyn ar gael
fit-may-clash-with-jummah = yn cwrdd { $session } (oriau heb eu nodi) - gall daro ar draws Jummah
fit-no-session-at = { $observance ->
    [friday-prayers] dim sesiwn adeg gweddïau dydd Gwener
   *[shabbat] dim sesiwn ar y Saboth
}
fit-clashes = { $observance ->
    [friday-prayers] yn cwrdd { $session } - yn taro ar draws Jummah
   *[shabbat] yn cwrdd { $session } - ar y Saboth
}
fit-clashes-others-free = { $clash }; nid yw'r sesiynau eraill yn taro
fit-short-date = { $weekday ->
    [mon] Llun
    [tue] Maw
    [wed] Mer
    [thu] Iau
    [fri] Gwen
    [sat] Sad
   *[sun] Sul
} { $day } { $month ->
    [jan] Ion
    [feb] Chwef
    [mar] Maw
    [apr] Ebr
    [may] Mai
    [jun] Meh
    [jul] Gorff
    [aug] Awst
    [sep] Medi
    [oct] Hyd
    [nov] Tach
   *[dec] Rhag
}
fit-expected-date = { $date } (dyddiad disgwyliedig)
fit-festival = { $festival }, { $date }
fit-calendar-covers = mae'r calendr gwyliau'n cwmpasu { $first }-{ $last } yn unig ({ $span })
fit-no-festival-days = dim diwrnodau gŵyl { $span }
fit-festival-days-not-stated = mae { $festival } yn y dyddiadau a holwyd; diwrnodau agor heb eu nodi
fit-no-session-on-festival = dim sesiwn ar { $festival }
fit-only-meets-on-festival = yn cwrdd ar { $festival } yn unig
fit-meets-on-festival = yn cwrdd ar { $festival }; nid yw'r dyddiadau eraill yn taro

## A need nothing in reach meets

fit-no-service-within = dim gwasanaeth { $category } o fewn { $limit } milltir
fit-no-service-because = { $service } sydd { $barriers }
fit-list-and = { $rest } ac { $last }
fit-list-or = { $rest } neu { $last }
fit-barrier-serves = { $gender ->
    [female] yn gwasanaethu menywod
   *[male] yn gwasanaethu dynion
}
fit-barrier-age = yn derbyn pobl { $age } oed
fit-barrier-speaks = yn siarad { $languages }
fit-barrier-access = { $need ->
    [wheelchair] yn cynnig mynediad i gadeiriau olwyn
    [learning-disability] yn cefnogi pobl ag anabledd dysgu
   *[bsl] yn cynnig BSL
}
fit-barrier-nrpf = yn derbyn pobl heb hawl i arian cyhoeddus
