// Django 3.2 + django-cors-headers 3.14 as a single-file project (settings.configure + runserver --noreload).
import { writeFiles, fill } from '../harness.ts';
import { errorVariant, type Target } from '../target.ts';
import { missingModules, PY } from './py.ts';

const DJANGO = `import sys

from django.conf import settings
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

DEBUG = False
SECRET_KEY = "verify-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]

@@CORS_0@@

settings.configure(**{k: v for k, v in dict(globals()).items() if k.isupper()})


@csrf_exempt
def chat(request):
    resp = JsonResponse({"ok": True})
    resp["X-Request-Id"] = "r-1"
    return resp


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("api/chat", chat), path("api/boom", boom)]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
`;

export const django: Target = {
  backend: 'django',
  label: 'Django 3.2 / django-cors-headers 3.14',
  missing: missingModules(['django', 'corsheaders']),
  variants: [
    {
      id: 'order-127',
      bug: 'CorsMiddleware after CommonMiddleware, 127.0.0.1 listed for a localhost page',
      shape: 'get-cred',
      chrome: 'MissingAllowOriginHeader',
      cause: 'MissingAllowOriginHeader',
      broken: (c) => [
        `INSTALLED_APPS = [*INSTALLED_APPS, "corsheaders"]\nMIDDLEWARE = [*MIDDLEWARE, "corsheaders.middleware.CorsMiddleware"]\nCORS_ALLOWED_ORIGINS = ["${c.otherOrigin}"]\nCORS_ALLOW_CREDENTIALS = True`,
      ],
    },
    {
      id: 'headers',
      bug: 'default CORS_ALLOW_HEADERS: x-request-id refused',
      shape: 'post-json',
      chrome: 'HeaderDisallowedByPreflightResponse',
      cause: 'HeaderDisallowedByPreflightResponse',
      broken: (c) => [
        `INSTALLED_APPS = [*INSTALLED_APPS, "corsheaders"]\nMIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", *MIDDLEWARE]\nCORS_ALLOWED_ORIGINS = ["${c.origin}"]\nCORS_ALLOW_CREDENTIALS = True`,
      ],
    },
    errorVariant('no django-cors-headers: the 500 has no CORS'),
    {
      id: 'none',
      bug: 'no django-cors-headers: the view answers OPTIONS',
      shape: 'post-json',
      broken: () => [''],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'PreflightMissingAllowOriginHeader',
      realStatus: 200,
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'app.py': fill(DJANGO, regions) });
    return Promise.resolve({
      cmd: PY,
      args: ['app.py', 'runserver', `127.0.0.1:${c.apiPort}`, '--noreload'],
      cwd: dir,
      port: c.apiPort,
    });
  },
};
