### The JSON API's human text (problem titles and details, explanations, reasons).
### Arabic: every problem title and every catalogue detail, so the search API's problems read in
### Arabic; explanations fall back to English (crates/query/src/explain_in.rs).

## Problem titles, one a stable code (crates/app/src/code.rs): problem-<code, hyphenated>.
problem-invalid-postcode = الرمز البريدي ليس رمزًا بريديًا صالحًا في المملكة المتحدة
problem-unknown-place = المكان غير معروف
problem-invalid-radius = نصف القطر غير صالح
problem-unknown-language = رمز اللغة غير معروف
problem-unknown-category = رمز الفئة غير معروف
problem-unknown-faith = رمز الديانة غير معروف
problem-invalid-parameter = أحد المعاملات غير صالح
problem-not-found = غير موجود
problem-payload-too-large = نص الطلب كبير جدًا
problem-method-not-allowed = هذا العنوان لا يقبل هذه الطريقة
problem-uri-too-long = العنوان طويل جدًا
problem-headers-too-large = ترويسات الطلب كبيرة جدًا
problem-malformed-request = الطلب ليس HTTP صالحًا
problem-unauthorized = يلزم مفتاح API
problem-forbidden = دور مفتاح API لا يسمح بذلك
problem-rate-limited = طلبات كثيرة جدًا
problem-invalid-body = نص الطلب غير صالح
problem-conflict = الطلب يتعارض مع حالة الدليل
problem-invalid-referral-move = لا يمكن نقل الإحالة إلى تلك الحالة
problem-timeout = استغرق الطلب وقتًا طويلًا جدًا
problem-unavailable = الخدمة غير جاهزة
problem-store-unavailable = لا يمكن الوصول إلى المخزن المشترك
problem-internal = خطأ داخلي

## Problem details that the catalogue words in every language, each told by a stable value
## (crates/server/src/error.rs, `Detail`), never by its English text: detail-<what>.
detail-key-not-valid = مفتاح API غير صالح
detail-key-needed = أرسل مفتاح API بالشكل Authorization: Bearer <key>
detail-body-not-utf8 = نص الطلب ليس نصًا بترميز UTF-8
detail-profile-not-utf8 = الملف الشخصي ليس نصًا بترميز UTF-8
detail-query-not-utf8 = سلسلة الاستعلام ليست نصًا بترميز UTF-8 بعد فك ترميز النسبة المئوية
detail-body-too-large = نص الطلب أكبر من المسموح به
detail-body-not-taken = نص الطلب ليس ما يقبله هذا العنوان
detail-address-too-long = العنوان أطول من المسموح به
detail-headers-too-large = ترويسات الطلب أكبر من المسموح به
detail-not-valid-here = الطلب غير صالح هنا
detail-too-slow = استغرق الطلب وقتًا أطول من المسموح به
detail-not-allowed = هذا غير مسموح به
detail-too-many = طلبات كثيرة جدًا
detail-conflicts = الطلب متعارض
detail-not-ready = الخدمة غير جاهزة
detail-store-or-index-not-ready = المخزن أو فهرس البحث غير جاهز
detail-shared-store-unreachable = لا يمكن الوصول إلى المخزن المشترك الآن؛ حاول مرة أخرى بعد بضع ثوانٍ
detail-nothing-here = لا يوجد شيء في هذا العنوان؛ راجع /api/openapi.json
detail-internal = حدث خطأ من جهتنا، وقد تم تسجيله
detail-method-not-taken = هذا العنوان لا يقبل { $method }؛ ترويسة Allow تسرد ما يقبله
detail-no-such-error-code = لا يوجد رمز خطأ "{ $name }"؛ تسردها كلها الصفحة /errors
