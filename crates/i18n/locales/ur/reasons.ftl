# reasons: why a search or match result fits, search notes and chips (engine and matcher reasons rendered by the faces)
#
# Urdu: a search result's reasons (hit-*), as results and the printable shortlist show them. A
# match's criteria (fit-*) fall back to English. Times are 24-hour; distances in miles.

hit-day-when = { $day ->
    [mon] پیر
    [tue] منگل
    [wed] بدھ
    [thu] جمعرات
    [fri] جمعہ
    [sat] ہفتہ
   *[sun] اتوار
}
hit-one-mile = 1 میل
hit-miles = { $miles } میل
hit-ages-between = عمر { $minimum }-{ $maximum }
hit-ages-from = عمر { $minimum } اور اس سے زیادہ
hit-ages-up-to = عمر { $maximum } تک
hit-why-this-fits = یہ کیوں موزوں ہے:
hit-speaks = { $language } بولتے ہیں
hit-faith = عقیدہ: { $faith }
hit-for-gender = { $gender ->
    [female] خواتین کے لیے
   *[male] مردوں کے لیے
}
hit-any-age = کوئی بھی عمر
hit-any-age-asked = کوئی بھی عمر (پوچھی گئی عمر { $age })
hit-open-now = ابھی کھلا ہے
hit-open-day-at = { $day } کو { $time } بجے کھلا ہے
hit-open-on-day = { $day } کو کھلا ہے
hit-free = مفت
hit-some-words = آپ کے کچھ الفاظ سے ملتا ہے: { $words }
hit-no-words = آپ کے کسی لفظ سے نہیں ملتا
hit-covers = { $place } میں خدمت فراہم کرتا ہے
hit-distance-from = { $place } سے { $distance }
hit-under-a-mile-away = ایک میل سے کم فاصلے پر
hit-about-one-mile-away = تقریباً 1 میل دور
hit-about-miles-away = تقریباً { $miles } میل دور
