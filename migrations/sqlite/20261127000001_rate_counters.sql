-- Requests counted per client and minute, shared by every instance: form posts, and failed
-- admin sign-ins. A limit reads this minute's count and the previous one's (a sliding
-- window); older rows are pruned with the rest of the retention purge.
CREATE TABLE rate_counters (
    bucket       TEXT   NOT NULL,   -- what is limited, for which client: "post 192.0.2.1"
    window_start BIGINT NOT NULL,   -- Unix seconds, a multiple of 60
    hits         BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
