// Go backends from Debian's golang -dev packages, built in GOPATH mode (no module proxy). Each build gets its own
// GOPATH entry; the build cache is shared so only the first gin build is slow.
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fill, run, writeFiles } from '../harness.ts';
import { errorVariant, type Target } from '../target.ts';

const GOCODE = '/usr/share/gocode';
const GOCACHE = path.join(tmpdir(), 'cors-lens-verify-gocache');
const need = (pkg: string) => (): string | null =>
  !existsSync('/usr/bin/go')
    ? 'golang-go not installed (run test/verify/install.sh as root)'
    : existsSync(path.join(GOCODE, 'src', pkg))
      ? null
      : `${pkg} not in ${GOCODE} (install its golang -dev package)`;

async function build(dir: string, source: string, port: number, echoV4 = false) {
  writeFiles(dir, { 'src/app/main.go': source });
  if (echoV4) {
    // Debian ships echo at github.com/labstack/echo; its code imports .../echo/v4, which GOPATH mode resolves here.
    mkdirSync(path.join(dir, 'src/github.com/labstack/echo'), { recursive: true });
    symlinkSync(
      path.join(GOCODE, 'src/github.com/labstack/echo'),
      path.join(dir, 'src/github.com/labstack/echo/v4'),
    );
  }
  await run('/usr/bin/go', ['build', '-o', path.join(dir, 'server'), 'app'], dir, {
    GO111MODULE: 'off',
    GOPATH: `${dir}:${GOCODE}`,
    GOCACHE,
    GOFLAGS: '',
  });
  return { cmd: path.join(dir, 'server'), args: [], cwd: dir, env: { PORT: String(port) }, port };
}

const RS = `package main

import (
	"net/http"
	"os"
	@@CORS_0@@
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/chat", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("X-Request-Id", "r-1")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(\`{"ok":true}\`))
	})
	mux.HandleFunc("/api/boom", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	var handler http.Handler = mux
	@@CORS_1@@
	_ = http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), handler)
}
`;

export const goRsCors: Target = {
  backend: 'go-rs-cors',
  label: 'Go 1.19 net/http / rs/cors 1.7',
  missing: need('github.com/rs/cors'),
  variants: [
    {
      id: 'default',
      bug: 'cors.Default(): * with a credentialed call',
      shape: 'get-cred',
      broken: () => ['"github.com/rs/cors"', 'handler = cors.Default().Handler(handler)'],
      chrome: 'WildcardOriginNotAllowed',
      cause: 'WildcardOriginNotAllowed',
    },
    errorVariant('no rs/cors: the 500 has no CORS', 2),
    {
      id: 'none',
      bug: 'no rs/cors: OPTIONS 405',
      shape: 'post-json',
      broken: () => ['', ''],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'preflight-not-handled',
      realStatus: 405,
    },
  ],
  prepare: (dir, regions, c) => build(dir, fill(RS, regions), c.apiPort),
};

const GIN = `package main

import (
	"os"

	"github.com/gin-gonic/gin"
	@@CORS_0@@
)

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	@@CORS_1@@
	chat := func(c *gin.Context) {
		c.Header("X-Request-Id", "r-1")
		c.JSON(200, gin.H{"ok": true})
	}
	r.GET("/api/chat", chat)
	r.POST("/api/chat", chat)
	r.GET("/api/boom", func(c *gin.Context) { c.String(500, "boom") })
	_ = r.Run("127.0.0.1:" + os.Getenv("PORT"))
}
`;

export const gin: Target = {
  backend: 'gin',
  label: 'Gin 1.8 / gin-contrib/cors 1.4',
  missing: need('github.com/gin-contrib/cors'),
  variants: [
    {
      id: 'none',
      bug: 'no cors middleware: OPTIONS 404',
      shape: 'post-json',
      broken: () => ['', ''],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'preflight-not-handled',
      realStatus: 404,
    },
    {
      id: 'all-origins',
      bug: 'AllowAllOrigins + AllowCredentials: * with credentials',
      shape: 'get-cred',
      broken: () => [
        '"github.com/gin-contrib/cors"',
        'r.Use(cors.New(cors.Config{AllowAllOrigins: true, AllowCredentials: true, AllowMethods: []string{"GET"}}))',
      ],
      chrome: 'WildcardOriginNotAllowed',
      cause: 'WildcardOriginNotAllowed',
    },
    {
      id: 'headers',
      bug: 'cors.Config without AllowHeaders: Content-Type refused',
      shape: 'post-json',
      chrome: 'HeaderDisallowedByPreflightResponse',
      cause: 'HeaderDisallowedByPreflightResponse',
      broken: (c) => [
        '"github.com/gin-contrib/cors"',
        `r.Use(cors.New(cors.Config{AllowOrigins: []string{"${c.origin}"}, AllowCredentials: true, AllowMethods: []string{"POST"}}))`,
      ],
    },
  ],
  prepare: (dir, regions, c) => build(dir, fill(GIN, regions), c.apiPort),
};

const ECHO = `package main

import (
	"os"

	"github.com/labstack/echo/v4"
	@@CORS_0@@
)

func main() {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	@@CORS_1@@
	chat := func(c echo.Context) error {
		c.Response().Header().Set("X-Request-Id", "r-1")
		return c.JSON(200, map[string]bool{"ok": true})
	}
	e.GET("/api/chat", chat)
	e.POST("/api/chat", chat)
	e.GET("/api/boom", func(c echo.Context) error { return c.String(500, "boom") })
	_ = e.Start("127.0.0.1:" + os.Getenv("PORT"))
}
`;

export const echo: Target = {
  backend: 'echo',
  label: 'Echo 4.2',
  missing: need('github.com/labstack/echo'),
  variants: [
    {
      id: 'none',
      bug: 'no CORS middleware: OPTIONS 405',
      shape: 'post-json',
      broken: () => ['', ''],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'preflight-not-handled',
      realStatus: 405,
    },
    errorVariant('no CORS middleware: the 500 has no CORS', 2),
    {
      id: 'wrong-origin',
      bug: 'AllowOrigins set for another dev port',
      shape: 'post-json',
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'PreflightMissingAllowOriginHeader',
      broken: () => [
        '"github.com/labstack/echo/v4/middleware"',
        'e.Use(middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: []string{"http://localhost:5173"}, AllowCredentials: true}))',
      ],
    },
  ],
  prepare: (dir, regions, c) => build(dir, fill(ECHO, regions), c.apiPort, true),
};
