### The JSON API's human text (problem titles and details, explanations, reasons).
### Urdu: every problem title and every catalogue detail, so the search API's problems read in
### Urdu; explanations fall back to English (crates/query/src/explain_in.rs).

## Problem titles, one a stable code (crates/app/src/code.rs): problem-<code, hyphenated>.
problem-invalid-postcode = یہ پوسٹ کوڈ برطانیہ کا درست پوسٹ کوڈ نہیں ہے
problem-unknown-place = یہ جگہ معلوم نہیں ہے
problem-invalid-radius = رداس درست نہیں ہے
problem-unknown-language = زبان کا کوڈ معلوم نہیں ہے
problem-unknown-category = زمرے کا کوڈ معلوم نہیں ہے
problem-unknown-faith = مذہب کا کوڈ معلوم نہیں ہے
problem-invalid-parameter = ایک پیرامیٹر درست نہیں ہے
problem-not-found = نہیں ملا
problem-payload-too-large = درخواست کا مواد بہت بڑا ہے
problem-method-not-allowed = یہ پتہ اس طریقے کو قبول نہیں کرتا
problem-uri-too-long = پتہ بہت لمبا ہے
problem-headers-too-large = درخواست کے ہیڈرز بہت بڑے ہیں
problem-malformed-request = درخواست درست HTTP نہیں ہے
problem-unauthorized = API کلید درکار ہے
problem-forbidden = API کلید کا کردار اس کی اجازت نہیں دیتا
problem-rate-limited = بہت زیادہ درخواستیں
problem-invalid-body = درخواست کا مواد درست نہیں ہے
problem-conflict = درخواست ڈائریکٹری کی موجودہ حالت سے متصادم ہے
problem-invalid-referral-move = ریفرل اس حیثیت میں منتقل نہیں ہو سکتا
problem-timeout = درخواست میں بہت زیادہ وقت لگا
problem-unavailable = سروس تیار نہیں ہے
problem-store-unavailable = مشترکہ اسٹور تک رسائی نہیں ہو سکتی
problem-internal = اندرونی خرابی

## Problem details that the catalogue words in every language, each told by a stable value
## (crates/server/src/error.rs, `Detail`), never by its English text: detail-<what>.
detail-key-not-valid = API کلید درست نہیں ہے
detail-key-needed = API کلید اس طرح بھیجیں: Authorization: Bearer <key>
detail-body-not-utf8 = مواد UTF-8 متن نہیں ہے
detail-profile-not-utf8 = پروفائل UTF-8 متن نہیں ہے
detail-query-not-utf8 = پرسینٹ ڈی کوڈنگ کے بعد کوئری اسٹرنگ UTF-8 متن نہیں ہے
detail-body-too-large = درخواست کا مواد اجازت سے زیادہ بڑا ہے
detail-body-not-taken = درخواست کا مواد وہ نہیں جو یہ پتہ قبول کرتا ہے
detail-address-too-long = پتہ اجازت سے زیادہ لمبا ہے
detail-headers-too-large = درخواست کے ہیڈرز اجازت سے زیادہ بڑے ہیں
detail-not-valid-here = یہ درخواست یہاں درست نہیں ہے
detail-too-slow = درخواست میں اجازت سے زیادہ وقت لگا
detail-not-allowed = اس کی اجازت نہیں ہے
detail-too-many = بہت زیادہ درخواستیں
detail-conflicts = درخواست متصادم ہے
detail-not-ready = سروس تیار نہیں ہے
detail-store-or-index-not-ready = اسٹور یا تلاش کا انڈیکس تیار نہیں ہے
detail-shared-store-unreachable = مشترکہ اسٹور تک اس وقت رسائی نہیں ہو سکتی؛ چند سیکنڈ بعد دوبارہ کوشش کریں
detail-nothing-here = اس پتے پر کچھ نہیں ہے؛ /api/openapi.json دیکھیں
detail-internal = ہماری طرف کچھ غلط ہو گیا؛ اسے ریکارڈ کر لیا گیا ہے
detail-method-not-taken = یہ پتہ { $method } قبول نہیں کرتا؛ Allow ہیڈر بتاتا ہے کہ یہ کیا قبول کرتا ہے
detail-no-such-error-code = "{ $name }" نام کا کوئی ایرر کوڈ نہیں ہے؛ /errors میں سب درج ہیں
