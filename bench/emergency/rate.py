"""Open-loop load of distinct emergency writes: send RATE new scale-ups per second for DURATION seconds,
spread over the replicas' ports (request i to port i mod n), each with its own Idempotency-Key, and time
each one from sending to its answer (the answer comes after the commit that carries it is pushed).
Each replica gets its own services, and every request asks for a ttl one second longer than the one
before, so that no action is covered by an earlier one (NO_CHANGE) unless two arrive out of order.
Writes one line per answer to OUT: key status id commit ms. Prints a summary line."""
import http.client, json, os, sys, threading, time
from concurrent.futures import ThreadPoolExecutor

ports = [int(p) for p in sys.argv[1].split(",")]
rate, duration, out, run = float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
token = os.environ["PREWARM_API_TOKEN"]
SERVICES = [("prod", "checkout"), ("prod", "search"), ("prod", "catalog"), ("prod", "billing"), ("staging", "reports")]
mine = [SERVICES[r::len(ports)] for r in range(len(ports))]  # replica r's services
lock = threading.Lock()
results = []

def send(i, due):
    r = i % len(ports)
    env, svc = mine[r][(i // len(ports)) % len(mine[r])]
    body = json.dumps({"environment": env, "service": svc, "target": 5, "ttl": "%ds" % (3600 + i),
                       "reason": "rate %s %d" % (run, i)})
    key = "rate-%s-%d" % (run, i)
    t0 = time.perf_counter()
    try:
        c = http.client.HTTPConnection("127.0.0.1", ports[r], timeout=180)
        c.request("POST", "/v1/emergency/scale-up", body, {"Content-Type": "application/json",
                  "Authorization": "Bearer " + token, "Idempotency-Key": key})
        resp = c.getresponse(); data = resp.read(); c.close()
        ms = (time.perf_counter() - t0) * 1000
        a = json.loads(data) if resp.status == 200 else {}
        row = (key, a.get("status", "HTTP%d" % resp.status), a.get("id", "-"), a.get("commit", "-"), ms,
               time.perf_counter())
    except Exception as e:
        row = (key, "ERROR", "-", "-", (time.perf_counter() - t0) * 1000, time.perf_counter())
    with lock:
        results.append(row)

n = int(rate * duration)
start = time.perf_counter()
with ThreadPoolExecutor(max_workers=256) as pool:
    for i in range(n):
        due = start + i / rate
        time.sleep(max(0.0, due - time.perf_counter()))
        pool.submit(send, i, due)
with open(out, "w") as f:
    for k, st, i, c, ms, _ in results:
        f.write("%s %s %s %s %.1f\n" % (k, st, i, c, ms))
applied = sorted(r[4] for r in results if r[1] == "APPLIED")
end = max(r[5] for r in results)
q = lambda p: applied[min(len(applied) - 1, int(p * len(applied)))] if applied else float("nan")
print("sent=%d applied=%d no_change=%d errors=%d writes_per_s=%.1f p50_ms=%.0f p99_ms=%.0f max_ms=%.0f" % (
    n, len(applied), sum(1 for r in results if r[1] == "NO_CHANGE"),
    sum(1 for r in results if r[1] not in ("APPLIED", "NO_CHANGE")),
    len(applied) / (end - start), q(0.5), q(0.99), applied[-1] if applied else float("nan")))
