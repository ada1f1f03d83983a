-- wrk: status reads, paced like alert.lua
local pause = tonumber(os.getenv("DELAY_MS") or "0")
delay = function() return pause end
