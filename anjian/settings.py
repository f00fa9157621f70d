"""Django settings for Anjian, read from the environment (see .env.example)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from anjian.env import env_bool, env_choice, env_int, env_list, env_str, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = secret_key("SECRET_KEY", BASE_DIR / ".secret_key")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "anjian.core",
    "anjian.regions",
    "anjian.accounts",
    "anjian.enterprises",
    "anjian.spaces",
    "anjian.permits",
    "anjian.training",
    "anjian.hazards",
    "anjian.inspections",
    "anjian.enforcement",
    "anjian.accidents",
    "anjian.evaluations",
    "anjian.jobs",
    "anjian.demo",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "anjian.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "anjian.core.middleware.ContentSecurityPolicyMiddleware",
    "anjian.core.middleware.NoStoreMiddleware",
    # Last: turns a request the sign-in lock-out refused into its answer (accounts.lockout).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "anjian.urls"
WSGI_APPLICATION = "anjian.wsgi.application"
ASGI_APPLICATION = "anjian.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "anjian.core.context_processors.shell",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL says otherwise.
_default_db = f"sqlite:///{BASE_DIR / 'anjian.sqlite3'}"
try:
    DATABASES = {
        "default": dj_database_url.parse(env_str("DATABASE_URL", _default_db), conn_max_age=60)
    }
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at BEGIN so
    # two writers queue instead of failing half-way through a transaction.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# The lock-out (django-axes) refuses a locked client before AnjianBackend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "anjian.accounts.backends.AnjianBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HSTS whenever cookies are HTTPS-only: browsers then refuse plain HTTP to this host.
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000) if SESSION_COOKIE_SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", False)

# Languages: Chinese first, English too.
LANGUAGE_CODE = env_choice("LANGUAGE_CODE", "zh-hans", ("zh-hans", "en"))
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date format on every list and detail page, per language (anjian/core/formats/<lang>/).
FORMAT_MODULE_PATH = ["anjian.core.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

# Uploads: Excel ledgers are small; anything larger is refused with a message, not a crash.
ANJIAN_MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = ANJIAN_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = ANJIAN_MAX_UPLOAD_BYTES
# A list counts at most this many rows; beyond it the page says "more than N".
ANJIAN_COUNT_CAP = env_int("LIST_COUNT_CAP", 10000)
# Longest reason (trimmed) a workflow move accepts, e.g. why a grade changed.
REASON_MAX_LENGTH = env_int("REASON_MAX_LENGTH", 500)
# Training and identity (regulations.md; the training app and core.identity read these).
# An ID number whose birth date lies more than this many years back is refused.
ANJIAN_ID_NUMBER_MAX_AGE_YEARS = env_int("ID_NUMBER_MAX_AGE_YEARS", 100)
# Assessment scores run 0–100; this mark or more passes.
ANJIAN_TRAINING_PASS_MARK = env_int("TRAINING_PASS_MARK", 60)
# Who may issue a training certificate the permit gate accepts: "provider" (the bureau's
# commissioned training provider) and/or "enterprise" (the enterprise's own training, 13号令).
ANJIAN_TRAINING_ACCEPTED_ISSUERS = env_list("TRAINING_ACCEPTED_ISSUERS", ["provider", "enterprise"])
# Special operation certificates (特种作业操作证, 总局令30号): valid 6 years, reviewed every 3 years
# (every 6 years for a holder the authority allowed it).
ANJIAN_SPECIAL_CERT_VALIDITY_YEARS = env_int("SPECIAL_CERT_VALIDITY_YEARS", 6)
ANJIAN_SPECIAL_CERT_REVIEW_YEARS = env_int("SPECIAL_CERT_REVIEW_YEARS", 3)
# Confined-space work (permits; regulations.md): file at least this many days before the planned
# start (later is allowed, flagged late); the sub-district's on-site briefing lasts at least this
# many minutes; a gas test opens the way in for this many minutes; during work a reading is due
# every this many minutes (a missed one is flagged).
ANJIAN_PERMIT_FILING_LEAD_DAYS = env_int("PERMIT_FILING_LEAD_DAYS", 3)
ANJIAN_PERMIT_BRIEFING_MIN_MINUTES = env_int("PERMIT_BRIEFING_MIN_MINUTES", 30)
ANJIAN_PERMIT_GAS_TEST_WINDOW_MINUTES = env_int("PERMIT_GAS_TEST_WINDOW_MINUTES", 30)
ANJIAN_PERMIT_READING_INTERVAL_MINUTES = env_int("PERMIT_READING_INTERVAL_MINUTES", 30)
# Every date a record holds lies between 1 January of this year and this many years from today
# (core.models.check_dates; a model may narrow a field, e.g. "not in the future").
ANJIAN_DATE_EARLIEST_YEAR = env_int("DATE_EARLIEST_YEAR", 1900)
ANJIAN_DATE_YEARS_AHEAD = env_int("DATE_YEARS_AHEAD", 30)
# Searching people by a full ID number without the reveal permission: at most this many searches
# per user per hour, each one audited.
ANJIAN_ID_NUMBER_SEARCHES_PER_HOUR = env_int("ID_NUMBER_SEARCHES_PER_HOUR", 20)
# Confined spaces (spaces.rules): the lower limit of each risk colour, LEC score D = L×E×C
# (red ≥ 320 重大, orange ≥ 160 较大, yellow ≥ 70 一般, else blue) and risk matrix R = L×S
# (red ≥ 20, orange ≥ 15, yellow ≥ 9); equipment whose validity ends within this many days is
# flagged "due soon".
ANJIAN_SPACES_LEC_RED = env_int("SPACES_LEC_RED", 320)
ANJIAN_SPACES_LEC_ORANGE = env_int("SPACES_LEC_ORANGE", 160)
ANJIAN_SPACES_LEC_YELLOW = env_int("SPACES_LEC_YELLOW", 70)
ANJIAN_SPACES_LS_RED = env_int("SPACES_LS_RED", 20)
ANJIAN_SPACES_LS_ORANGE = env_int("SPACES_LS_ORANGE", 15)
ANJIAN_SPACES_LS_YELLOW = env_int("SPACES_LS_YELLOW", 9)
ANJIAN_SPACES_EQUIPMENT_DUE_DAYS = env_int("SPACES_EQUIPMENT_DUE_DAYS", 30)
# Hazards (hazards.rules): an enterprise reporting fewer than this many hazards of its own in a
# quarter is on the focused-inspection list; a client address may send this many public reports an
# hour, each with at most this many photos of at most this size.
ANJIAN_HAZARD_SELF_REPORT_MIN_PER_QUARTER = env_int("HAZARD_SELF_REPORT_MIN_PER_QUARTER", 1)
ANJIAN_PUBLIC_REPORTS_PER_HOUR = env_int("PUBLIC_REPORTS_PER_HOUR", 5)
ANJIAN_PUBLIC_REPORT_MAX_PHOTOS = env_int("PUBLIC_REPORT_MAX_PHOTOS", 3)
ANJIAN_PUBLIC_REPORT_MAX_PHOTO_BYTES = env_int("PUBLIC_REPORT_MAX_PHOTO_BYTES", 3 * 1024 * 1024)
# Inspections (inspections.rules): a failed item's hazard is due this many days after the
# inspection unless the inspection sets its own deadline; a planned inspection may start this many
# days before its planned day.
ANJIAN_INSPECTION_RECTIFY_DAYS = env_int("INSPECTION_RECTIFY_DAYS", 30)
ANJIAN_INSPECTION_START_DAYS_EARLY = env_int("INSPECTION_START_DAYS_EARLY", 7)

# Enforcement (enforcement.rules, enforcement.calendar): a penalty decision is published within
# this many working days; the home counter warns this many calendar days before; an enterprise
# with a major hazard penalised SHORT_COUNT times within SHORT_DAYS days, or LONG_COUNT times
# within LONG_DAYS days, is flagged for a closure proposal.
ANJIAN_CASE_PUBLICATION_WORKING_DAYS = env_int("CASE_PUBLICATION_WORKING_DAYS", 7)
ANJIAN_CASE_PUBLICATION_DUE_SOON_DAYS = env_int("CASE_PUBLICATION_DUE_SOON_DAYS", 3)
ANJIAN_REPEAT_OFFENDER_SHORT_DAYS = env_int("REPEAT_OFFENDER_SHORT_DAYS", 180)
ANJIAN_REPEAT_OFFENDER_SHORT_COUNT = env_int("REPEAT_OFFENDER_SHORT_COUNT", 3)
ANJIAN_REPEAT_OFFENDER_LONG_DAYS = env_int("REPEAT_OFFENDER_LONG_DAYS", 365)
ANJIAN_REPEAT_OFFENDER_LONG_COUNT = env_int("REPEAT_OFFENDER_LONG_COUNT", 4)

# Accidents (accidents.rules): the investigation report is due this many days after the accident
# (条例 Art. 29), extendable once by at most EXTENSION_DAYS days with a reason.
ANJIAN_ACCIDENT_INVESTIGATION_DAYS = env_int("ACCIDENT_INVESTIGATION_DAYS", 60)
ANJIAN_ACCIDENT_INVESTIGATION_EXTENSION_DAYS = env_int("ACCIDENT_INVESTIGATION_EXTENSION_DAYS", 60)
# Evaluations (evaluations.rules): due one calendar year after the investigation report's
# approval; reminders (home counter, page banner) from this many months after the approval.
ANJIAN_EVALUATION_REMINDER_MONTHS = env_int("EVALUATION_REMINDER_MONTHS", 10)
# The evaluation is due this many months after the approval (one calendar year: 29 February →
# 28 February); the follow-up campaign of similar enterprises runs this many days by default.
ANJIAN_EVALUATION_DUE_MONTHS = env_int("EVALUATION_DUE_MONTHS", 12)
ANJIAN_EVALUATION_FOLLOW_UP_CAMPAIGN_DAYS = env_int("EVALUATION_FOLLOW_UP_CAMPAIGN_DAYS", 90)

REDIS_URL = env_str("REDIS_URL", "")
MQTT_URL = env_str("MQTT_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Background tasks (large Excel exports and imports): the database backend by default, worked by
# `manage.py db_worker` (`make run` starts it); RQ on Redis when REDIS_URL is set (`rqworker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
# Excel imports: hard caps that never trust the file's declared size; above the background
# threshold an import or export runs as a task with a progress page; a checked import waits for
# its confirmation this many hours.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 10000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 60)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)
EXCEL_BACKGROUND_ROWS = env_int("EXCEL_BACKGROUND_ROWS", 2000)
EXCEL_JOB_HOURS = env_int("EXCEL_JOB_HOURS", 24)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "anjian.accounts.tokens.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["anjian.core.api.permissions.ScopedModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # The browsable API without HTML forms: no choice list of related records (raw JSON only).
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "anjian.core.api.renderers.FormlessBrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "anjian.core.api.pagination.CappedPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "anjian.core.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Anjian API",
    "DESCRIPTION": _(
        "Work-safety supervision: every capability under the same jurisdiction rules."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Sign-in lock-out (django-axes, see anjian/accounts/lockout.py), the same for every door (sign-in
# page, API token): failures are counted per address and per account within the window; an
# address is locked first (its limit is lower), an account only by failures from several
# addresses. A lock lasts the window; an administrator can lift an account's lock at once.
ANJIAN_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("LOGIN_MAX_FAILURES_PER_ADDRESS", 5)
ANJIAN_LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 10)
ANJIAN_LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# Reverse proxies in front of the application that append to X-Forwarded-For (0: none, the
# client's address is REMOTE_ADDR). Behind nginx set 1, or every client shares the proxy's
# address in the lock-out and the audit log.
ANJIAN_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_HANDLER = "anjian.accounts.lockout.AnjianAxesHandler"
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_FAILURE_LIMIT = "anjian.accounts.lockout.account_limit"
AXES_COOLOFF_TIME = "anjian.accounts.lockout.cool_off"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "anjian.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "anjian.core.audit.client_ip"
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the audit log already
# API tokens expire after this many hours (a working day, like the session), and are revoked on
# sign-out, password change and suspension.
ANJIAN_API_TOKEN_HOURS = env_int("API_TOKEN_HOURS", 8)

# django-filter: the empty choice of a filter reads "All".
FILTERS_EMPTY_CHOICE_LABEL = _("All")
