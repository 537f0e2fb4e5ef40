-- wrk script of scripts/loadtest.py: counts the page cache's answers (the X-Page-Cache
-- header: hit or miss; none for a static file or a page that is never cached) and, given a
-- file of paths (one a line; a path listed twice is asked twice as often), asks for a random
-- one of them on every request instead of the URL on the command line.
--   wrk -s loadtest.lua http://127.0.0.1:8101/ -- paths.txt

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  if args[1] then
    for line in io.lines(args[1]) do
      if line ~= "" then table.insert(paths, line) end
    end
  end
  math.randomseed(os.time() * 100 + id)
  hits, misses, uncounted = 0, 0, 0
end

function request()
  if #paths > 0 then
    return wrk.format(nil, paths[math.random(#paths)])
  end
  return wrk.format()
end

function response(status, headers, body)
  local answer = headers["X-Page-Cache"]
  if answer == "hit" then
    hits = hits + 1
  elseif answer == "miss" then
    misses = misses + 1
  else
    uncounted = uncounted + 1
  end
end

function done(summary, latency, requests)
  local total = {hits = 0, misses = 0, uncounted = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(total) do
      total[name] = total[name] + thread:get(name)
    end
  end
  io.write(string.format("page cache: hits %d misses %d uncounted %d\n",
                         total.hits, total.misses, total.uncounted))
end
