/**
 * The outbox's Lua scripts. Each state change of a send and the campaign counts it moves happen
 * in one script, so that a process killed between two Redis calls never leaves a send recorded
 * without its counts (or the reverse), and every change costs one round trip.
 *
 * A send record (`rec`, a hash per job) has:
 *   st   absent | sending | parked | retry | sent | dead | cancelled
 *   tag  the SMS Partner `tag` of the current attempt (unique per attempt, for reconciliation)
 *   at   epoch ms at which the current attempt was recorded, before the HTTP call
 *   n    recipients in the job;  in  the count they sit in (queued | parked);  c  campaign id
 *   att  attempts recorded;  mid  SMS Partner message id;  err  the typed error as JSON
 */
import { Script } from './script.js';

// Shared Lua helpers, prepended to the scripts that need them.
const HELPERS = `
local function move(cmp, from, to, n)
  if cmp ~= '' and n ~= 0 then
    redis.call('HINCRBY', cmp, from, -n)
    redis.call('HINCRBY', cmp, to, n)
  end
end
-- The campaign's counts key, or '' for a single send (its record has no campaign).
local function campaignOf(rec, cmp)
  if (redis.call('HGET', rec, 'c') or '') == '' then return '' end
  return cmp
end
local function settle(cmp, channel, id)
  if cmp == '' then return end
  local state = redis.call('HGET', cmp, 'state')
  if state ~= 'enqueued' and state ~= 'cancelled' then return end
  local open = tonumber(redis.call('HGET', cmp, 'queued') or '0') + tonumber(redis.call('HGET', cmp, 'parked') or '0')
  if open == 0 and redis.call('HSETNX', cmp, 'doneAt', redis.call('TIME')[1]) == 1 then
    redis.call('PUBLISH', channel, cjson.encode({type = 'campaign', campaignId = id, state = 'done'}))
  end
end
`;

/**
 * KEYS: rec, seq, cmp. ARGV: now, recTtl, n, campaignId, randomId, channel.
 * Returns {state, tag|mid, at|err}: 'claimed' starts a new attempt with a fresh tag.
 */
export const CLAIM = new Script(`${HELPERS}
local st = redis.call('HGET', KEYS[1], 'st')
if st == 'sent' or st == 'dead' or st == 'cancelled' then
  return {st, redis.call('HGET', KEYS[1], 'mid') or '', redis.call('HGET', KEYS[1], 'err') or ''}
end
if st == 'sending' or st == 'parked' then
  return {st, redis.call('HGET', KEYS[1], 'tag'), redis.call('HGET', KEYS[1], 'at')}
end
local n = tonumber(ARGV[3])
if ARGV[4] ~= '' and redis.call('HGET', KEYS[3], 'state') == 'cancelled' then
  local bucket = redis.call('HGET', KEYS[1], 'in') or 'queued'
  redis.call('HSET', KEYS[1], 'st', 'cancelled', 'n', n, 'c', ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  move(KEYS[3], bucket, 'cancelled', n)
  settle(KEYS[3], ARGV[6], ARGV[4])
  return {'cancelled', '', ''}
end
redis.call('HSETNX', KEYS[2], 'id', ARGV[5])
local id = redis.call('HGET', KEYS[2], 'id')
local seq = redis.call('HINCRBY', KEYS[2], 'n', 1)
local digits = '0123456789abcdefghijklmnopqrstuvwxyz'
local tag = ''
repeat
  local r = seq % 36
  tag = string.sub(digits, r + 1, r + 1) .. tag
  seq = math.floor(seq / 36)
until seq == 0
tag = 'q' .. id .. tag
redis.call('HSET', KEYS[1], 'st', 'sending', 'tag', tag, 'at', ARGV[1], 'n', n, 'c', ARGV[4])
redis.call('HSETNX', KEYS[1], 'in', 'queued')
redis.call('HINCRBY', KEYS[1], 'att', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {'claimed', tag, ARGV[1]}
`);

/**
 * The outcome of the attempt is unknown: park it for reconciliation (its recipients move from
 * queued to parked). KEYS: rec, cmp. ARGV: tag, errJson, channel, jobId.
 */
export const PARK = new Script(`${HELPERS}
if redis.call('HGET', KEYS[1], 'tag') ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[1], 'st') ~= 'sending' then return 0 end
redis.call('HSET', KEYS[1], 'st', 'parked', 'err', ARGV[2])
local n = tonumber(redis.call('HGET', KEYS[1], 'n'))
if redis.call('HGET', KEYS[1], 'in') ~= 'parked' then
  move(campaignOf(KEYS[1], KEYS[2]), 'queued', 'parked', n)
  redis.call('HSET', KEYS[1], 'in', 'parked')
end
redis.call('PUBLISH', ARGV[3], cjson.encode({type = 'parked', jobId = ARGV[4], campaignId = redis.call('HGET', KEYS[1], 'c'), error = cjson.decode(ARGV[2])}))
return 1
`);

/**
 * The attempt provably sent nothing: free the record for another attempt (recipients back to
 * queued). KEYS: rec, cmp. ARGV: tag, errJson.
 */
export const RELEASE = new Script(`${HELPERS}
if redis.call('HGET', KEYS[1], 'tag') ~= ARGV[1] then return 0 end
local st = redis.call('HGET', KEYS[1], 'st')
if st ~= 'sending' and st ~= 'parked' then return 0 end
redis.call('HSET', KEYS[1], 'st', 'retry', 'err', ARGV[2])
redis.call('HDEL', KEYS[1], 'tag')
if redis.call('HGET', KEYS[1], 'in') == 'parked' then
  move(campaignOf(KEYS[1], KEYS[2]), 'parked', 'queued', tonumber(redis.call('HGET', KEYS[1], 'n')))
  redis.call('HSET', KEYS[1], 'in', 'queued')
end
return 1
`);

/**
 * The attempt ended: sent (with a message id, per-recipient counts) or dead-lettered. Moves the
 * counts, maps the message id to the campaign for delivery reports and applies reports that
 * arrived before this mapping. KEYS: rec, cmp, msg, dlrq.
 * ARGV: tag, final ('sent'|'dead'), messageId, nSent, nFailed, nStopped, key, recTtl, msgTtl,
 * channel, errJson, jobId, campaignId.
 */
export const FINISH = new Script(`${HELPERS}
if redis.call('HGET', KEYS[1], 'tag') ~= ARGV[1] then return 0 end
local st = redis.call('HGET', KEYS[1], 'st')
if st ~= 'sending' and st ~= 'parked' then return 0 end
redis.call('HSET', KEYS[1], 'st', ARGV[2], 'mid', ARGV[3], 'err', ARGV[11])
redis.call('PEXPIRE', KEYS[1], ARGV[8])
local bucket = redis.call('HGET', KEYS[1], 'in') or 'queued'
local cmp = KEYS[2]
local c = ARGV[13]
if c == '' then cmp = '' end
local nSent, nFailed, nStopped = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
if cmp ~= '' then
  redis.call('HINCRBY', cmp, bucket, -(nSent + nFailed + nStopped))
  if nSent > 0 then redis.call('HINCRBY', cmp, 'sent', nSent) end
  if nFailed > 0 then redis.call('HINCRBY', cmp, 'failed', nFailed) end
  if nStopped > 0 then redis.call('HINCRBY', cmp, 'stopped', nStopped) end
end
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[3], 'c', c, 'k', ARGV[7])
  redis.call('PEXPIRE', KEYS[3], ARGV[9])
  local pending = redis.call('HGETALL', KEYS[4])
  for i = 1, #pending, 2 do
    if redis.call('HSETNX', KEYS[3], 'd:' .. pending[i], pending[i + 1]) == 1 then
      move(cmp, 'sent', pending[i + 1], 1)
      redis.call('PUBLISH', ARGV[10], cjson.encode({type = 'delivery', campaignId = c, key = ARGV[7], messageId = ARGV[3], phoneNumber = pending[i], status = pending[i + 1]}))
    end
  end
  redis.call('DEL', KEYS[4])
end
redis.call('PUBLISH', ARGV[10], cjson.encode({type = 'send', state = ARGV[2], jobId = ARGV[12], campaignId = c, key = ARGV[7], messageId = ARGV[3], sent = nSent, failed = nFailed, stopped = nStopped}))
settle(cmp, ARGV[10], c)
return 1
`);

/**
 * A final delivery report. KEYS: msg, dlrq. ARGV: phone, status ('delivered'|'failed'),
 * pendingTtl, campaignKeyPrefix, channel, messageId.
 * Returns 'counted', 'duplicate', or 'pending' (the send is not recorded yet: kept until it is).
 */
export const DELIVERY = new Script(`${HELPERS}
local c = redis.call('HGET', KEYS[1], 'c')
if not c then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  return 'pending'
end
if redis.call('HSETNX', KEYS[1], 'd:' .. ARGV[1], ARGV[2]) == 0 then return 'duplicate' end
if c ~= '' then move(ARGV[4] .. c, 'sent', ARGV[2], 1) end
redis.call('PUBLISH', ARGV[5], cjson.encode({type = 'delivery', campaignId = c, key = redis.call('HGET', KEYS[1], 'k'), messageId = ARGV[6], phoneNumber = ARGV[1], status = ARGV[2]}))
return 'counted'
`);

/**
 * Registers a chunk of a campaign's batches, once each (enqueueing the same campaign again counts
 * nothing twice). KEYS: cmp, batches. ARGV: now, name, then triples (field, size, invalid).
 */
export const REGISTER = new Script(`
redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[1])
redis.call('HSETNX', KEYS[1], 'state', 'enqueuing')
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'name', ARGV[2]) end
local added = 0
for i = 3, #ARGV, 3 do
  if redis.call('HSETNX', KEYS[2], ARGV[i], ARGV[i + 1]) == 1 then
    local size, invalid = tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
    redis.call('HINCRBY', KEYS[1], 'total', size + invalid)
    if size > 0 then redis.call('HINCRBY', KEYS[1], 'queued', size) end
    if invalid > 0 then redis.call('HINCRBY', KEYS[1], 'failed', invalid) end
    added = added + 1
  end
end
return added
`);

/** Marks the campaign fully enqueued (or cancelled). KEYS: cmp. ARGV: state, channel, id. */
export const CLOSE_CAMPAIGN = new Script(`${HELPERS}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return 0 end
if ARGV[1] == 'enqueued' and state ~= 'enqueuing' then return 0 end
if state == 'cancelled' then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[1])
if ARGV[1] == 'cancelled' then
  redis.call('PUBLISH', ARGV[2], cjson.encode({type = 'campaign', campaignId = ARGV[3], state = 'cancelled'}))
end
settle(KEYS[1], ARGV[2], ARGV[3])
return 1
`);

/**
 * Gives back the BullMQ limiter slot of an activation that sent nothing (a commercial batch
 * delayed to its send window, a parked one waiting for its grace), so that the limiter counts
 * requests rather than activations: at the start of quiet hours, a backlog of commercial batches
 * would otherwise use up the rate that transactional messages need. KEYS: BullMQ's limiter key.
 */
export const RETURN_SLOT = new Script(`
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used > 0 and redis.call('PTTL', KEYS[1]) > 0 then redis.call('DECR', KEYS[1]) end
return used
`);
