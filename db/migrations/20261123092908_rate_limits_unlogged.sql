-- Rate-limit counters are touched on nearly every request and are worthless after a crash, so
-- they skip the write-ahead log: no fsync per request, and PostgreSQL empties the table after a crash.
ALTER TABLE "system_rate_limit_hits" SET UNLOGGED;
