// Flask 2.2 + flask-cors 3.0.10 on the Werkzeug dev server.
import { writeFiles, fill } from '../harness.ts';
import { errorVariant, type Target } from '../target.ts';
import { missingModules, PY } from './py.ts';

const FLASK = `from flask import Flask, jsonify

app = Flask(__name__)

@@CORS_0@@


@app.route("/api/chat", methods=["GET", "POST"])
def chat():
    resp = jsonify(ok=True)
    resp.headers["X-Request-Id"] = "r-1"
    return resp


@app.route("/api/boom")
def boom():
    raise RuntimeError("boom")
`;

export const flask: Target = {
  backend: 'flask',
  label: 'Flask 2.2 / flask-cors 3.0.10',
  missing: missingModules(['flask', 'flask_cors']),
  variants: [
    {
      id: 'bare',
      bug: 'bare CORS(app): origin reflected, no ACAC',
      shape: 'get-cred',
      broken: () => ['from flask_cors import CORS\nCORS(app)'],
      chrome: 'InvalidAllowCredentials',
      cause: 'InvalidAllowCredentials',
    },
    {
      id: 'headers',
      bug: 'allow_headers=["content-type"]: Authorization refused',
      shape: 'post-json',
      chrome: 'HeaderDisallowedByPreflightResponse',
      cause: 'HeaderDisallowedByPreflightResponse',
      broken: (c) => [
        `from flask_cors import CORS\nCORS(app, origins=["${c.origin}"], supports_credentials=True, allow_headers=["content-type"])`,
      ],
    },
    errorVariant('no flask-cors: the 500 has no CORS'),
    {
      id: 'none',
      bug: 'no flask-cors: automatic OPTIONS without CORS',
      shape: 'post-json',
      broken: () => [''],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'PreflightMissingAllowOriginHeader',
      realStatus: 200,
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'app.py': fill(FLASK, regions) });
    return Promise.resolve({
      cmd: PY,
      args: ['-m', 'flask', '--app', 'app', 'run', '--host', '127.0.0.1', '--port', String(c.apiPort)],
      cwd: dir,
      port: c.apiPort,
    });
  },
};
