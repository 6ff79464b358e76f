# reasons: why a search or match result fits, search notes and chips (engine and matcher reasons rendered by the faces)
#
# Arabic: a search result's reasons (hit-*), as results and the printable shortlist show them. A
# match's criteria (fit-*) fall back to English. Times are 24-hour; distances in miles.

hit-day-when = { $day ->
    [mon] الاثنين
    [tue] الثلاثاء
    [wed] الأربعاء
    [thu] الخميس
    [fri] الجمعة
    [sat] السبت
   *[sun] الأحد
}
hit-one-mile = ميل واحد
hit-miles = { $miles } ميل
hit-ages-between = الأعمار { $minimum }-{ $maximum }
hit-ages-from = الأعمار { $minimum } فما فوق
hit-ages-up-to = الأعمار حتى { $maximum }
hit-why-this-fits = لماذا يناسب هذا:
hit-speaks = يتحدث { $language }
hit-faith = الديانة: { $faith }
hit-for-gender = { $gender ->
    [female] للنساء
   *[male] للرجال
}
hit-any-age = أي عمر
hit-any-age-asked = أي عمر (العمر المطلوب { $age })
hit-open-now = مفتوح الآن
hit-open-day-at = مفتوح يوم { $day } الساعة { $time }
hit-open-on-day = مفتوح يوم { $day }
hit-free = مجاني
hit-some-words = يطابق بعض كلماتك: { $words }
hit-no-words = لا يطابق أيًا من كلماتك
hit-covers = يخدم { $place }
hit-distance-from = { $distance } من { $place }
hit-under-a-mile-away = على بعد أقل من ميل
hit-about-one-mile-away = على بعد ميل واحد تقريبًا
hit-about-miles-away = على بعد { $miles } ميل تقريبًا
