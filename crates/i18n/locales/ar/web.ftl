### صفحات الويب. يبدأ كل مفتاح باسم الصفحة أو الجزء الذي ينتمي إليه.
### المفاتيح غير الموجودة هنا تُعرض بالإنجليزية.

## إطار الصفحة

layout-site-name = Signpost
layout-title = { $title } - Signpost
layout-skip = انتقل إلى المحتوى الرئيسي
layout-nav-label = الموقع
layout-nav-search = بحث
layout-nav-shortlist = القائمة المختصرة
layout-nav-match = مطابقة شخص مع الخدمات
layout-nav-about = عن البيانات
layout-nav-navigator = المرشد: { $name }
layout-nav-sign-in = تسجيل دخول المرشد
layout-footer-sources = مصادر البيانات
layout-footer-format = الخدمات مدرجة بتنسيق Open Referral UK (HSDS 3.0).
layout-footer-demo-before = السجلات الموسومة بعبارة
layout-footer-demo = بيانات توضيحية
layout-footer-fictional = تصف خدمات وهمية.
layout-footer-licences = بيانات الأماكن والرموز البريدية: جميع المصادر والتراخيص
layout-footer-about = عن Signpost وبياناته
layout-language-label = اللغة

## صفحة البحث

search-home-title = بحث
search-home-heading = ابحث عن خدمات مجتمعية للأشخاص الخاضعين للمراقبة
search-home-lead = خدمات تديرها مجتمعات الأقليات العرقية والمجتمعات الدينية ولصالحها في إنجلترا وويلز.
search-label = ابحث عن خدمات
search-hint = اكتب ما يحتاجه الشخص، واللغة التي يتحدثها، ومكان إقامته.
search-button = بحث
search-examples = أمثلة

## صفحة النتائج

results-count = { $count ->
    [0] لا توجد خدمات
    [one] خدمة واحدة
    [two] خدمتان
    [few] { $count } خدمات
   *[other] { $count } خدمة
}
results-found = { $count ->
    [0] لم يُعثر على أي خدمة
    [one] عُثر على خدمة واحدة
    [two] عُثر على خدمتين
    [few] عُثر على { $count } خدمات
   *[other] عُثر على { $count } خدمة
}
results-title = { $count ->
    [0] لم يُعثر على أي خدمة للبحث "{ $query }"
    [one] عُثر على خدمة واحدة للبحث "{ $query }"
    [two] عُثر على خدمتين للبحث "{ $query }"
    [few] عُثر على { $count } خدمات للبحث "{ $query }"
   *[other] عُثر على { $count } خدمة للبحث "{ $query }"
}
results-not-utf8 = البحث ليس نصًا بترميز UTF-8. اكتبه مرة أخرى، أو ابدأ بحثًا جديدًا.
results-understood = كيف فُهم بحثك
results-chips-hint = اختر جزءًا للبحث من دونه.
results-chip-words = الكلمات: { $words }
results-chip-remove = إزالة: { $part }
results-relaxed = لا توجد خدمة تطابق كل كلمات بحثك: تظهر أولًا الخدمات التي تطابق عددًا أكبر منها.
results-heading = النتائج
results-partial = خدمات تطابق بعض كلماتك فقط
results-why = سبب المطابقة:
results-add-to-shortlist = أضف إلى القائمة المختصرة
results-not-checked-since = لم تتم مراجعته منذ { $date }
results-never-checked = لم يراجعه أحد بعد
results-view-shortlist = اعرض القائمة المختصرة
results-ticked = محددة
results-filters = تصفية النتائج
results-filter-distance = المسافة
results-within-miles = { $miles ->
    [one] ضمن ميل واحد
    [two] ضمن ميلين
    [few] ضمن { $miles } أميال
   *[other] ضمن { $miles } ميل
}
results-filter-open-cost = ساعات العمل والتكلفة والفئة المستهدفة
results-filter-open-now = مفتوح الآن
results-filter-free = مجانًا
results-filter-women = مناسب للنساء
results-filter-men = مناسب للرجال
results-filter-language = اللغة
results-filter-category = نوع المساعدة
results-filter-faith = الدين
results-pages = صفحات النتائج
results-previous = الصفحة السابقة
results-next = الصفحة التالية
results-page = الصفحة { $page }
results-try = جرّب
results-try-spelling = التحقق من تهجئة المكان أو الرمز البريدي

## تفاصيل الخدمة

service-demo-tag = بيانات توضيحية
service-distance = المسافة
service-distance-miles = { $miles } ميل
service-categories = نوع المساعدة
service-languages = اللغات
service-opening-times = ساعات العمل
service-contact = التواصل
service-eligibility = الفئة المستهدفة
service-cost = التكلفة
service-free = مجانًا
service-last-verified = آخر تحقق
service-not-recorded = غير مسجل
service-demo-warning = هذه بيانات توضيحية: خدمة وهمية في رمز بريدي حقيقي، لتجربة Signpost. لا تُحِل أي شخص إليها.
service-where = المكان
service-confidential = لهذه الخدمة عنوان سري (ملجأ أو منزل آمن). لا يُعرض أبدًا: تواصل مع الخدمة لإجراء إحالة.
service-access = إمكانية الوصول
service-shortlist = القائمة المختصرة
service-start-shortlist = ابدأ قائمة مختصرة بهذه الخدمة
service-report = أبلغ عن مشكلة في هذه المعلومات
service-navigator = المرشد
service-refer = أحِل شخصًا إلى هذه الخدمة
service-edit = عدّل هذه الخدمة
service-verified-today = ضع علامة بأنه تم التحقق منها اليوم

## الأيام والأشهر والساعات والتواريخ

format-day-mo = الاثنين
format-day-tu = الثلاثاء
format-day-we = الأربعاء
format-day-th = الخميس
format-day-fr = الجمعة
format-day-sa = السبت
format-day-su = الأحد
format-month-1 = يناير
format-month-2 = فبراير
format-month-3 = مارس
format-month-4 = أبريل
format-month-5 = مايو
format-month-6 = يونيو
format-month-7 = يوليو
format-month-8 = أغسطس
format-month-9 = سبتمبر
format-month-10 = أكتوبر
format-month-11 = نوفمبر
format-month-12 = ديسمبر
format-date = { $day } { $month } { $year }
format-hours = من { $opens } إلى { $closes }
format-hours-from = من { $opens }
format-hours-until = حتى { $closes }
format-source = المصدر: { $source }
format-licence = ، الترخيص { $licence }
format-women-only = للنساء فقط
format-men-only = للرجال فقط
format-ages = الأعمار من { $min } إلى { $max }
format-aged-over = بعمر { $min } فما فوق
format-aged-up-to = حتى عمر { $max }

## خريطة النتائج

map-title = خريطة النتائج
map-description = خريطة لنتائج هذه الصفحة ({ $count }) ضمن { $distance } من { $place }.
map-description-in-area = خريطة لنتائج هذه الصفحة ({ $count }) ضمن { $distance } من { $place }، في { $area }.
map-key = الحد المظلل هو { $area }؛ الدائرة المتقطعة هي نطاق البحث؛ النقطة الحمراء هي { $place }.

## القائمة المختصرة

shortlist-heading = القائمة المختصرة
shortlist-printed-on = خدمات أُدرجت في القائمة المختصرة عبر Signpost بتاريخ { $date }.
shortlist-missing = { $count ->
    [one] خدمة واحدة من خدمات هذا الرابط لم تعد مدرجة.
    [two] خدمتان من خدمات هذا الرابط لم تعودا مدرجتين.
   *[other] { $count } من خدمات هذا الرابط لم تعد مدرجة.
}
shortlist-empty = قائمتك المختصرة فارغة. حدّد "أضف إلى القائمة المختصرة" بجانب الخدمات في نتائج البحث، ثم اختر "اعرض القائمة المختصرة".
shortlist-search = ابحث عن خدمات
shortlist-count = { $count ->
    [one] خدمة واحدة في القائمة المختصرة.
    [two] خدمتان في القائمة المختصرة.
    [few] { $count } خدمات في القائمة المختصرة.
   *[other] { $count } خدمة في القائمة المختصرة.
}
shortlist-print = اطبع هذه القائمة المختصرة
shortlist-download = نزّلها كجدول بيانات (CSV)
shortlist-link = رابط هذه القائمة المختصرة
shortlist-link-hint = يرى كل من لديه الرابط الخدمات نفسها. لا يحتوي الرابط على أي بيانات شخصية.
shortlist-copy = انسخ الرابط
shortlist-copied = نُسخ الرابط.
shortlist-where = المكان:
shortlist-remove = إزالة
shortlist-clear = امسح القائمة المختصرة
