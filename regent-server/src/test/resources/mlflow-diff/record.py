#!/usr/bin/env python3
"""Records MLflow's model-registry REST answers to a fixed sequence of requests, for Regent's replay test.

Usage: python3 record.py http://127.0.0.1:5000 > recording.json

Sends steps.json (the fixed sequence) to a base URL, one request at a time, and writes each request with its
normalized answer: times become the id of the step during which they were taken ("@step-id"), user ids "<user>",
32-hex run ids/uuids "<uuid>", page tokens "<token>", and lists whose order MLflow leaves unspecified are sorted
(tags by key, a model's aliases by alias, a version's aliases, latest_versions by version). Orders MLflow
specifies (search results) are kept. Standard library only; MLflowReplayTest (regent-server) normalizes Regent's
answers the same way and compares them field by field.
"""
import http.client
import json
import sys
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
TIME_KEYS = ("creation_timestamp", "last_updated_timestamp")


def body_bytes(step):
    """The request body: JSON for "body", the text of "raw", or a generated oversized document for "gen"."""
    if "gen" in step:
        kind, n = step["gen"]["kind"], step["gen"]["n"]
        if kind == "nested":  # {"name": [[[...]]]} n arrays deep
            return ('{"name":' + "[" * n + "]" * n + "}").encode()
        if kind == "digits":  # {"name": "x", "description": 999...9} with n digits
            return ('{"name":"x","description":' + "9" * n + "}").encode()
        raise ValueError(kind)
    if "raw" in step:
        return step["raw"].encode()
    if "body" in step:
        return json.dumps(step["body"]).encode()
    return None


def normalize(value, owner_of_time, key=None):
    if isinstance(value, dict):
        out = {k: normalize(v, owner_of_time, k) for k, v in value.items()}
        for k in ("tags",):
            if isinstance(out.get(k), list):
                out[k] = sorted(out[k], key=lambda t: t.get("key", "") if isinstance(t, dict) else str(t))
        if isinstance(out.get("aliases"), list):
            out["aliases"] = sorted(out["aliases"], key=lambda a: a.get("alias", "") if isinstance(a, dict) else a)
        if isinstance(out.get("latest_versions"), list):
            out["latest_versions"] = sorted(out["latest_versions"], key=lambda v: int(v.get("version", "0")))
        return out
    if isinstance(value, list):
        return [normalize(v, owner_of_time, key) for v in value]
    if key in TIME_KEYS:
        return owner_of_time(int(value))
    if key == "user_id" and value != "":
        return "<user>"
    if key == "next_page_token" and value:
        return "<token>"
    if isinstance(value, str) and len(value) == 32 and all(c in "0123456789abcdef" for c in value):
        return "<uuid>"
    return value


def main():
    base = urllib.parse.urlsplit(sys.argv[1])
    steps = json.loads((HERE / "steps.json").read_text())["steps"]
    windows = []  # (step id, first ms, last ms)

    def owner_of_time(ms):
        for sid, lo, hi in windows:
            if lo <= ms <= hi:
                return "@" + sid
        return "<time>"

    records = []
    for step in steps:
        body = body_bytes(step)
        conn = http.client.HTTPConnection(base.hostname, base.port, timeout=120)
        headers = {"Content-Type": "application/json"} if body is not None else {}
        time.sleep(0.01)  # windows never touch
        lo = int(time.time() * 1000)
        conn.request(step["method"], step["path"], body=body, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        hi = int(time.time() * 1000) + 1
        windows.append((step["id"], lo, hi))
        conn.close()
        try:
            parsed = json.loads(text)
            answer = {"status": resp.status, "body": normalize(parsed, owner_of_time)}
        except ValueError:
            answer = {"status": resp.status, "text": text[:300]}
        records.append({"id": step["id"], "answer": answer})
        print(f"{step['id']}: {resp.status}", file=sys.stderr)
    json.dump({"recorded_from": "MLflow 2.9.2 (mlflow server, SQLite backend)", "records": records},
              sys.stdout, indent=1, sort_keys=False)
    print()


if __name__ == "__main__":
    main()
