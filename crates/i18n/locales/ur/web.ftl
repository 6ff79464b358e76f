### ویب صفحات۔ ہر کلید اس صفحے یا حصے کے نام سے شروع ہوتی ہے جس سے وہ تعلق رکھتی ہے۔
### جو کلیدیں یہاں نہیں ہیں وہ انگریزی میں دکھائی جاتی ہیں۔

## صفحے کا ڈھانچہ

layout-site-name = Signpost
layout-title = { $title } - Signpost
layout-skip = مرکزی مواد پر جائیں
layout-nav-label = ویب سائٹ
layout-nav-search = تلاش
layout-nav-shortlist = مختصر فہرست
layout-nav-match = کسی فرد کے لیے موزوں خدمات
layout-nav-about = ڈیٹا کے بارے میں
layout-nav-navigator = نیویگیٹر: { $name }
layout-nav-sign-in = نیویگیٹر سائن اِن
layout-footer-sources = ڈیٹا کے ذرائع
layout-footer-format = خدمات Open Referral UK (HSDS 3.0) فارمیٹ میں درج ہیں۔
layout-footer-demo-before = جن ریکارڈز پر
layout-footer-demo = نمائشی ڈیٹا
layout-footer-fictional = کا نشان ہے وہ فرضی خدمات بیان کرتے ہیں۔
layout-footer-licences = مقامات اور پوسٹ کوڈ کا ڈیٹا: تمام ذرائع اور لائسنس
layout-footer-about = Signpost اور اس کے ڈیٹا کے بارے میں
layout-language-label = زبان

## تلاش کا صفحہ

search-home-title = تلاش
search-home-heading = پروبیشن پر موجود افراد کے لیے کمیونٹی خدمات تلاش کریں
search-home-lead = انگلینڈ اور ویلز میں نسلی اقلیتوں اور مذہبی برادریوں کی جانب سے اور ان کے لیے چلائی جانے والی خدمات۔
search-label = خدمات تلاش کریں
search-hint = لکھیں کہ فرد کو کیا ضرورت ہے، وہ کون سی زبان بولتا ہے اور کہاں رہتا ہے۔
search-button = تلاش کریں
search-examples = مثالیں

## نتائج کا صفحہ

results-count = { $count ->
    [one] { $count } خدمت
   *[other] { $count } خدمات
}
results-found = { $count ->
    [0] کوئی خدمت نہیں ملی
    [one] { $count } خدمت ملی
   *[other] { $count } خدمات ملیں
}
results-title = { $count ->
    [0] "{ $query }" کے لیے کوئی خدمت نہیں ملی
    [one] "{ $query }" کے لیے { $count } خدمت ملی
   *[other] "{ $query }" کے لیے { $count } خدمات ملیں
}
results-not-utf8 = تلاش UTF-8 متن نہیں ہے۔ اسے دوبارہ لکھیں، یا نئی تلاش شروع کریں۔
results-understood = آپ کی تلاش کو کیسے سمجھا گیا
results-chips-hint = کسی حصے کو منتخب کریں تاکہ اس کے بغیر تلاش کی جائے۔
results-chip-words = الفاظ: { $words }
results-chip-remove = ہٹائیں: { $part }
results-relaxed = کوئی خدمت آپ کی تلاش کے ہر لفظ سے مطابقت نہیں رکھتی: جو زیادہ الفاظ سے مطابقت رکھتی ہیں وہ پہلے دکھائی گئی ہیں۔
results-heading = نتائج
results-partial = وہ خدمات جو آپ کے صرف کچھ الفاظ سے مطابقت رکھتی ہیں
results-why = یہ کیوں موزوں ہے:
results-add-to-shortlist = مختصر فہرست میں شامل کریں
results-not-checked-since = { $date } سے جانچ نہیں کی گئی
results-never-checked = ابھی تک کسی شخص نے جانچ نہیں کی
results-view-shortlist = مختصر فہرست دیکھیں
results-ticked = منتخب
results-filters = نتائج کو محدود کریں
results-filter-distance = فاصلہ
results-within-miles = { $miles } میل کے اندر
results-filter-open-cost = اوقات، لاگت اور کس کے لیے
results-filter-open-now = ابھی کھلا ہے
results-filter-free = مفت
results-filter-women = خواتین کے لیے موزوں
results-filter-men = مردوں کے لیے موزوں
results-filter-language = زبان
results-filter-category = مدد کی قسم
results-filter-faith = مذہب
results-pages = نتائج کے صفحات
results-previous = پچھلا صفحہ
results-next = اگلا صفحہ
results-page = صفحہ { $page }
results-try = یہ آزمائیں
results-try-spelling = جگہ یا پوسٹ کوڈ کے ہجے چیک کریں

## کسی خدمت کی تفصیلات

service-demo-tag = نمائشی ڈیٹا
service-distance = فاصلہ
service-distance-miles = { $miles } میل
service-categories = مدد کی قسم
service-languages = زبانیں
service-opening-times = کھلنے کے اوقات
service-contact = رابطہ
service-eligibility = کس کے لیے ہے
service-cost = لاگت
service-free = مفت
service-last-verified = آخری تصدیق
service-not-recorded = درج نہیں
service-demo-warning = یہ نمائشی ڈیٹا ہے: ایک حقیقی پوسٹ کوڈ پر ایک فرضی خدمت، Signpost کو آزمانے کے لیے۔ کسی کو اس کے پاس ریفر نہ کریں۔
service-where = کہاں
service-confidential = اس خدمت کا پتہ خفیہ ہے (پناہ گاہ یا محفوظ گھر)۔ یہ کبھی نہیں دکھایا جاتا: ریفرل کے لیے خدمت سے رابطہ کریں۔
service-access = رسائی
service-shortlist = مختصر فہرست
service-start-shortlist = اس خدمت سے مختصر فہرست شروع کریں
service-report = اس معلومات میں کسی مسئلے کی اطلاع دیں
service-navigator = نیویگیٹر
service-refer = کسی کو اس خدمت کے پاس ریفر کریں
service-edit = اس خدمت میں ترمیم کریں
service-verified-today = آج تصدیق شدہ کے طور پر نشان لگائیں

## دن، مہینے، اوقات اور تاریخیں

format-day-mo = پیر
format-day-tu = منگل
format-day-we = بدھ
format-day-th = جمعرات
format-day-fr = جمعہ
format-day-sa = ہفتہ
format-day-su = اتوار
format-month-1 = جنوری
format-month-2 = فروری
format-month-3 = مارچ
format-month-4 = اپریل
format-month-5 = مئی
format-month-6 = جون
format-month-7 = جولائی
format-month-8 = اگست
format-month-9 = ستمبر
format-month-10 = اکتوبر
format-month-11 = نومبر
format-month-12 = دسمبر
format-date = { $day } { $month } { $year }
format-hours = { $opens } سے { $closes } تک
format-hours-from = { $opens } سے
format-hours-until = { $closes } تک
format-source = ماخذ: { $source }
format-licence = ، لائسنس { $licence }
format-women-only = صرف خواتین
format-men-only = صرف مرد
format-ages = عمر { $min } سے { $max } سال
format-aged-over = { $min } سال یا اس سے زیادہ عمر
format-aged-up-to = { $max } سال تک کی عمر

## نتائج کا نقشہ

map-title = نتائج کا نقشہ
map-description = اس صفحے کے { $count } نتائج کا نقشہ، { $place } سے { $distance } کے اندر۔
map-description-in-area = اس صفحے کے { $count } نتائج کا نقشہ، { $place } سے { $distance } کے اندر، { $area } میں۔
map-key = سایہ دار خاکہ { $area } ہے؛ نقطے دار دائرہ تلاش کا دائرہ ہے؛ سرخ نقطہ { $place } ہے۔

## مختصر فہرست

shortlist-heading = مختصر فہرست
shortlist-printed-on = Signpost کے ذریعے { $date } کو مختصر فہرست میں شامل کی گئی خدمات۔
shortlist-missing = اس لنک کی { $count } خدمات اب درج نہیں ہیں۔
shortlist-empty = آپ کی مختصر فہرست خالی ہے۔ اپنی تلاش کے نتائج میں خدمات کے ساتھ "مختصر فہرست میں شامل کریں" پر نشان لگائیں، پھر "مختصر فہرست دیکھیں" منتخب کریں۔
shortlist-search = خدمات تلاش کریں
shortlist-count = { $count ->
    [one] مختصر فہرست میں { $count } خدمت۔
   *[other] مختصر فہرست میں { $count } خدمات۔
}
shortlist-print = یہ مختصر فہرست پرنٹ کریں
shortlist-download = اسپریڈشیٹ (CSV) کے طور پر ڈاؤن لوڈ کریں
shortlist-link = اس مختصر فہرست کا لنک
shortlist-link-hint = لنک رکھنے والا ہر شخص یہی خدمات دیکھتا ہے۔ اس میں کوئی ذاتی تفصیلات نہیں ہیں۔
shortlist-copy = لنک کاپی کریں
shortlist-copied = لنک کاپی ہو گیا۔
shortlist-where = کہاں:
shortlist-remove = ہٹائیں
shortlist-clear = مختصر فہرست صاف کریں
