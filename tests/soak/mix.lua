-- The soak's traffic for wrk (tests/soak/soak.py writes the plan and runs wrk with it).
--
-- The plan (a Lua file named by TRELLIS_SOAK_PLAN) lists kinds of request, each a list of
-- items (a path, and for writes a JSON body template) that the kind's connections cycle
-- through. Each wrk thread plays one kind on all its connections, so the statuses counted in
-- response() are that kind's alone: wrk calls response() without saying which request it
-- answers, and a thread of one kind needs no telling. done() prints one line per kind and
-- status for the driver to read:
--   SOAK <kind> <status> <count>
--   SOAK_SAMPLE <kind> <status> <first body seen with that status, cut short>
--
-- Body templates take {n} (unique to the request: thread and count) and {level} (1 to 4).

local plan = dofile(os.getenv("TRELLIS_SOAK_PLAN"))
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("kind_index", #threads)
end

function init(args)
  kind = plan.kinds[(kind_index - 1) % #plan.kinds + 1]
  kind_name = kind.name
  sent = 0
  -- Plain values only: wrk's thread:get copies nested tables wrongly. seen lists the
  -- statuses met ("200 422 "); count_<status> and sample_<status> hold the rest.
  seen = ""
  headers = { ["Cookie"] = plan.cookie }
  if kind.write then
    headers["X-CSRF-Token"] = plan.csrf
    headers["Content-Type"] = "application/json"
  end
end

function request()
  sent = sent + 1
  local item = kind.items[(sent - 1) % #kind.items + 1]
  local body = nil
  if item.body then
    local n = tostring(kind_index) .. "-" .. tostring(sent)
    body = item.body:gsub("{n}", n):gsub("{level}", tostring((sent - 1) % 4 + 1))
  end
  return wrk.format(kind.method, item.path, headers, body)
end

function response(status, headers, body)
  local count = "count_" .. status
  if not _G[count] then
    seen = seen .. status .. " "
    _G[count] = 0
    if status < 200 or status > 299 then
      _G["sample_" .. status] = (body or ""):sub(1, 300):gsub("[\r\n\t]", " ")
    end
  end
  _G[count] = _G[count] + 1
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local name = thread:get("kind_name")
    for status in thread:get("seen"):gmatch("%d+") do
      io.write(string.format("SOAK %s %s %d\n", name, status, thread:get("count_" .. status)))
      local sample = thread:get("sample_" .. status)
      if sample then io.write(string.format("SOAK_SAMPLE %s %s %s\n", name, status, sample)) end
    end
  end
end
