"""Send N distinct scale-up actions (each with its own Idempotency-Key) from T threads as fast as possible,
and append every 2xx answer (key, id, commit) to a file as soon as it arrives. Connection errors (the
server was killed) are recorded as unanswered."""
import http.client, json, os, sys, threading

port, n, threads, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
token = os.environ["PREWARM_API_TOKEN"]
lock = threading.Lock()
next_i = [0]
answered = open(out, "a")

def worker():
    while True:
        with lock:
            i = next_i[0]; next_i[0] += 1
        if i >= n:
            return
        body = json.dumps({"service": ["checkout", "search"][i % 2], "environment": "prod",
                           "target": 10 + i % 40, "reason": "burst %d" % i})
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            c.request("POST", "/v1/emergency/scale-up", body, {"Content-Type": "application/json",
                      "Authorization": "Bearer " + token, "Idempotency-Key": "kill-%d" % i})
            r = c.getresponse(); data = r.read(); c.close()
        except Exception:
            continue
        if 200 <= r.status < 300:
            a = json.loads(data)
            with lock:
                answered.write("kill-%d %s %s\n" % (i, a["id"], a.get("commit")))
                answered.flush()

ts = [threading.Thread(target=worker) for _ in range(threads)]
[t.start() for t in ts]; [t.join() for t in ts]
