"""During the load: send N new distinct alerts, one every INTERVAL seconds, and time each answer
(the answer comes after the commit is pushed). Prints p50/p99/max of request-to-pushed-commit."""
import http.client, json, os, sys, time

port, n, interval = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
token = os.environ["PREWARM_API_TOKEN"]
lat, errors = [], 0
for i in range(n):
    body = json.dumps({"version": "4", "status": "firing", "receiver": "prewarm", "groupKey": "p", "alerts": [{
        "status": "firing", "fingerprint": "probe%d" % i, "startsAt": "2026-11-28T11:00:00Z",
        "labels": {"alertname": "Probe%d" % i, "service": "reports", "environment": "staging",
                   "prewarm_action": "scale-up", "prewarm_target": str(3 + i % 5)},
        "annotations": {"summary": "probe"}}]})
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    t0 = time.perf_counter()
    c.request("POST", "/v1/alertmanager", body, {"Content-Type": "application/json", "Authorization": "Bearer " + token})
    r = c.getresponse(); data = r.read()
    dt = time.perf_counter() - t0
    ok = r.status == 200 and json.loads(data)["alerts"][0].get("answer", {}).get("commit")
    if not ok:
        errors += 1
        print("probe error", r.status, data[:200], file=sys.stderr)
    lat.append(dt * 1000)
    c.close()
    time.sleep(max(0.0, interval - dt))
lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
print("writes (new action -> pushed commit): n=%d p50=%.1fms p99=%.1fms max=%.1fms errors=%d" % (len(lat), q(0.5), q(0.99), lat[-1], errors))
