"""Django settings, derived from the core ``Settings`` (defaults < config file < environment)."""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from stationwatch.settings import load_settings
from stationwatch_web.datadir import data_dir_create, secure_umask

SW = load_settings()
BASE_DIR = Path(__file__).resolve().parent
# Everything the app writes (database, WAL, blobs, keys, backups) is its owner's alone.
secure_umask()


def _secret_key() -> str:
    if SW.secret_key:
        return SW.secret_key
    path = SW.data_dir / "secret_key"
    if not path.exists():
        data_dir_create(SW.data_dir)
        # Written once with owner-only permissions; O_EXCL keeps two first starts from racing.
        try:
            fd = path.open("x", encoding="ascii")
        except FileExistsError:
            return path.read_text(encoding="ascii").strip()
        with fd:
            path.chmod(0o600)
            fd.write(secrets.token_urlsafe(50))
    return path.read_text(encoding="ascii").strip()


SECRET_KEY = _secret_key()
DEBUG = SW.debug
ALLOWED_HOSTS = list(SW.allowed_hosts)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "stationwatch_web.evidence",
    "stationwatch_web.atlas",
    "stationwatch_web.cases",
    "stationwatch_web.audit",
    "stationwatch_web.review",
    "stationwatch_web.publish",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Compresses HTML and JSON (Django's BREACH mitigation pads each response); whitenoise
    # serves static files itself, compressed where the browser accepts it.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language: from the URL's prefix (/zh-hans/stations/...); an unprefixed public page is
    # English (prefix_default_language=False in urls.py), so a shared link opens as it was sent.
    "django.middleware.locale.LocaleMiddleware",
    # The switch's choice (a cookie) and Accept-Language: an unprefixed reader's page
    # redirects to the reader's language; before the HTTP cache answers 304 (language.py).
    "stationwatch_web.language.LanguageChoiceMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "stationwatch_web.sessions.IdleTimeoutMiddleware",
    "stationwatch_web.sessions.PrivateNoStoreMiddleware",
    "stationwatch_web.httpcache.PublicRevalidationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "stationwatch_web.accounts.RequireMFAMiddleware",
    "stationwatch_web.busy.BusyMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in with 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stationwatch_web.urls"
WSGI_APPLICATION = "stationwatch_web.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "stationwatch_web.links.urls",
    ], "builtins": ["stationwatch_web.links", "stationwatch_web.locales"]},
}]

if SW.database_url:
    DATABASES = {"default": dj_database_url.parse(SW.database_url, conn_max_age=60)}
else:
    DATABASES = {"default": {
        # Django's SQLite backend plus `PRAGMA optimize` as each connection closes.
        "ENGINE": "stationwatch_web.db.sqlite3",
        "NAME": SW.sqlite_path,
        # Django's default for SQLite, said out loud: tools that recognise the stock engine
        # by name only (pytest-django's per-worker databases) would otherwise derive a file.
        "TEST": {"NAME": ":memory:"},
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                            "PRAGMA foreign_keys=ON;",
        },
    }}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Used one-time codes (TOTP replay) and sign-in rate limits must outlive a restart and be
# shared by every process of the installation: files in the owner-only data directory. (Not
# the database cache: it unpickles what the database holds, and a database writer must never
# get to run code.) The atlas's heavier reads are cached per process.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(SW.data_dir / "state"),
                "OPTIONS": {"MAX_ENTRIES": 100_000}},
    "atlas": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

# Bulk ingests are tasks in the database; `stationwatch serve` runs a worker beside the web
# server and `stationwatch worker` runs one on its own. No broker or extra server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Accounts: django-allauth (sign-in, TOTP, passkeys, recovery codes); no self sign-up, an
# administrator creates accounts. django-axes locks a username at one address after repeated
# failures, also on the admin's sign-in, which goes through the same MFA-aware login.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "jobs"
LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "stationwatch_web.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
MFA_ADAPTER = "stationwatch_web.accounts.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "stationwatch"
MFA_TOTP_TOLERANCE = 1  # a phone's clock 30 s off still works; a used code never works twice
# WebAuthn needs a secure context; http://localhost is one, for a local install and the tests.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not SW.https_only
# allauth's own per-username limit would let anyone lock a colleague out from anywhere; axes
# counts by username *and* address instead. allauth still slows one address's bursts.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "stationwatch_web.accounts.attempted_username"
AXES_IPWARE_META_PRECEDENCE_ORDER = (["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if SW.behind_proxy
                                     else ["REMOTE_ADDR"])
AXES_IPWARE_PROXY_COUNT = 1 if SW.behind_proxy else None
AXES_VERBOSE = False
# Uploads bigger than this go to a temporary file, never into memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "stationwatch_web.evidence.uploads.UploadLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FILES = 500
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
# The atlas's languages: English, both Chinese scripts, and the hosts' languages, named in their
# own words (the switch shows them so). A language is served, switched to and given hreflang
# once its catalogue is complete (tests/web/test_i18n.py holds each served one to that); the
# others' catalogues exist (locale/) and move up here when filled, so no page claims a
# language it is not written in.
LANGUAGES = [
    ("en", "English"), ("zh-hans", "简体中文"), ("zh-hant", "繁體中文"), ("nl", "Nederlands"),
    ("it", "Italiano"), ("es", "Español"), ("fr", "Français"), ("de", "Deutsch"),
    ("pt", "Português"), ("cs", "Čeština"), ("hu", "Magyar"), ("ja", "日本語"), ("ko", "한국어"),
]
#: Languages whose catalogue exists but is not complete yet (none today).
LANGUAGES_TO_COMPLETE: list[tuple[str, str]] = []
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language the reader chose with the switch (stationwatch_web.language): a preference
# kept a year, sent only to this site, never read by scripts.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SW.https_only
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The packaged static files are served in place through the finders: there is no
# collectstatic step and so no STATIC_ROOT.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Strict Content-Security-Policy (django-csp): scripts and styles only from our own files, no
# inline code anywhere, nothing framed, no request to another origin.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    "default-src": [SELF], "script-src": [SELF], "style-src": [SELF], "img-src": [SELF, "data:"],
    "connect-src": [SELF], "font-src": [SELF], "object-src": [NONE], "base-uri": [NONE],
    "form-action": [SELF], "frame-ancestors": [NONE],
}}

# The session row holds a hash of the cookie value, never the value: a copy of the database
# or a backup opens no session. A session ends after an hour unused (the row's expiry moves
# with use) and twelve hours after sign-in (`stationwatch_web.sessions`).
SESSION_ENGINE = "stationwatch_web.sessions"
SESSION_COOKIE_AGE = 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Behind HTTPS (`https_only` setting): HSTS, secure cookies and redirects to https.
if SW.https_only:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    # __Host- cookies: only ever set over HTTPS, for this host, path / (no subdomain can
    # plant or overwrite them).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SW.behind_proxy else None
# HSTS preloading is a commitment for every subdomain, years long: a choice for the operator.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": SW.log_level},
}
