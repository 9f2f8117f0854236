/**
 * Offers are made and taken in Redis scripts, so that with any number of api processes a caller is
 * offered to one agent at a time, an agent holds one offer at a time, and two agents can never
 * accept the same caller. The waiting set is BullMQ's prioritized sorted set (priority, then
 * arrival); a job's data gives the caller's language and the case category.
 */

/**
 * KEYS: prioritized set, available agents (by idle time), offered callers (callSid -> offerId).
 * ARGV: job key prefix, presence key prefix, offer key prefix, offer id, expires at (ms), scan limit,
 * and optionally one agent id: then only that agent is considered (an agent who just came free).
 * Returns {callSid, agentId, job data} or nil. Takes the first waiting caller, in order, that some available
 * agent speaks the language of; among those agents, the one idle longest. Callback requests are
 * offered in the same order, in the place of the call they replaced.
 */
export const OFFER_NEXT = `
local agents
if ARGV[7] then
  if not redis.call('ZSCORE', KEYS[2], ARGV[7]) then return nil end
  agents = {ARGV[7]}
else
  agents = redis.call('ZRANGE', KEYS[2], 0, -1)
end
if #agents == 0 then return nil end
local speaks = {}
local takes = {}
for _, a in ipairs(agents) do
  local langs = redis.call('HGET', ARGV[2] .. a, 'languages')
  local set = {}
  if langs then for _, l in ipairs(cjson.decode(langs)) do set[l] = true end end
  speaks[a] = set
  -- An agent with categories takes only those; without, any category.
  local cats = redis.call('HGET', ARGV[2] .. a, 'categories')
  local cset = nil
  if cats then
    local list = cjson.decode(cats)
    if #list > 0 then
      cset = {}
      for _, c in ipairs(list) do cset[c] = true end
    end
  end
  takes[a] = cset
end
local callers = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[6]) - 1)
for _, sid in ipairs(callers) do
  if redis.call('HEXISTS', KEYS[3], sid) == 0 then
    local data = redis.call('HGET', ARGV[1] .. sid, 'data')
    local job = data and cjson.decode(data)
    if job then
      local lang = job.language
      for _, a in ipairs(agents) do
        if speaks[a][lang] and (takes[a] == nil or takes[a][job.category]) then
          redis.call('HSET', KEYS[3], sid, ARGV[4])
          redis.call('ZREM', KEYS[2], a)
          redis.call('HSET', ARGV[2] .. a, 'offer', ARGV[4])
          redis.call('HSET', ARGV[3] .. ARGV[4], 'callSid', sid, 'agentId', a, 'expiresAt', ARGV[5])
          return {sid, a, data}
        end
      end
    end
  end
end
return nil
`;

/**
 * KEYS: offer, offered callers, the agent's presence hash.
 * ARGV: agent id, now (ms).
 * Returns the callSid, or an error word: gone, not_yours, expired. The caller stays marked as
 * taken ("accepted:<agent>") until connected, so no other offer can be made for them meanwhile.
 */
export const ACCEPT = `
local callSid = redis.call('HGET', KEYS[1], 'callSid')
if not callSid then return {err = 'gone'} end
if redis.call('HGET', KEYS[1], 'agentId') ~= ARGV[1] then return {err = 'not_yours'} end
if tonumber(redis.call('HGET', KEYS[1], 'expiresAt')) < tonumber(ARGV[2]) then return {err = 'expired'} end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[2], callSid, 'accepted:' .. ARGV[1])
redis.call('HDEL', KEYS[3], 'offer', 'missed')
redis.call('HSET', KEYS[3], 'state', 'on_call', 'reason', '', 'since', ARGV[2])
return callSid
`;

/**
 * Ends an offer that was not taken (expired or declined). KEYS: offer, offered callers, available
 * agents. ARGV: presence key prefix, offer id, now (ms), count it as missed ("1" or "0").
 * Returns {callSid, agentId, missed} or nil when the offer was already taken or ended.
 */
export const RELEASE = `
local callSid = redis.call('HGET', KEYS[1], 'callSid')
if not callSid then return nil end
local agentId = redis.call('HGET', KEYS[1], 'agentId')
redis.call('DEL', KEYS[1])
if redis.call('HGET', KEYS[2], callSid) == ARGV[2] then redis.call('HDEL', KEYS[2], callSid) end
local agentKey = ARGV[1] .. agentId
local missed = 0
if redis.call('HGET', agentKey, 'offer') == ARGV[2] then
  redis.call('HDEL', agentKey, 'offer')
  if ARGV[4] == '1' then missed = redis.call('HINCRBY', agentKey, 'missed', 1) end
  -- Back among the available, as the most recently idle: the next offer goes to someone else first.
  if redis.call('HGET', agentKey, 'state') == 'available' then redis.call('ZADD', KEYS[3], ARGV[3], agentId) end
end
return {callSid, agentId, tostring(missed)}
`;
