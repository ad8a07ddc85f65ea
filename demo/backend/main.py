# The demo's "AI backend" as a real FastAPI app: one sub-application per classic CORS mistake, each with its own
# (broken) CORSMiddleware set-up, mounted under its own prefix so one server shows them all.
# `npm start` runs this under uvicorn when python3 can import fastapi and uvicorn; otherwise it runs the Node
# reproduction in demo/node-backend.ts, which `npm run verify:fixes` compares with this app, byte for byte on the
# status, the CORS headers and the body (test/verify/demo-parity.ts).
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

FRONTEND = os.environ.get("DEMO_FRONTEND_ORIGIN", "http://localhost:3000")

app = FastAPI()


# The seed: no CORS middleware at all, and the frontend calls the chat endpoint with credentials.
@app.get("/api/chat")
def seed_chat():
    return {"reply": "hello"}


# No CORS middleware either: a JSON POST is preflighted, and nothing answers OPTIONS (405).
@app.post("/v1/chat")
def chat():
    return {"reply": "hello"}


# An origin list that names the Vite dev server, not this frontend: Starlette sends no CORS header at all.
v2 = FastAPI()
v2.add_middleware(CORSMiddleware, allow_origins=["http://localhost:5173"])


@v2.get("/models")
def models():
    return {"models": ["small"]}


app.mount("/v2", v2)

# Any origin with credentials: Starlette < 1.0 answers `*` unless the request carries a Cookie header.
v3 = FastAPI()
v3.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)


@v3.get("/me")
def me():
    return {"user": "ada"}


app.mount("/v3", v3)

# The frontend is allowed, but add_middleware puts CORSMiddleware inside the error handler: the 500 loses it.
v4 = FastAPI()
v4.add_middleware(
    CORSMiddleware,
    allow_origins=[FRONTEND],
    allow_methods=["POST"],
    allow_headers=["content-type"],
)


@v4.post("/chat")
def chat_crash():
    raise RuntimeError("the model crashed")


app.mount("/v4", v4)
