-- wrk: duplicate Alertmanager notifications (5 distinct firing alerts, repeated) with a bearer token.
local token = os.getenv("PREWARM_API_TOKEN")
local services = {"checkout", "search"}
local bodies = {}
for i = 0, 4 do
  local svc = services[(i % 2) + 1]
  local env = "prod"
  bodies[i + 1] = string.format([[{"version":"4","groupKey":"g","status":"firing","receiver":"prewarm","alerts":[{"status":"firing","labels":{"alertname":"Dup%d","service":"%s","environment":"%s","prewarm_action":"scale-up","prewarm_target":"%d"},"annotations":{"summary":"burst"},"startsAt":"2026-11-28T11:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"dup%d"}]}]], i, svc, env, 20 + i, i)
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/v1/alertmanager", {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token}, bodies[(n % #bodies) + 1])
end

-- pace each connection: DELAY_MS between requests keeps the rate near the target instead of saturating
local pause = tonumber(os.getenv("DELAY_MS") or "0")
delay = function() return pause end
