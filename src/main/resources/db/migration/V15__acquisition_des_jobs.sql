-- The job executor of each node asks, every few seconds and without pause while jobs keep coming, for the jobs due now:
--   SELECT … FROM ACT_RU_JOB RES WHERE RES.RETRIES_ > 0 AND (RES.DUEDATE_ IS NULL OR RES.DUEDATE_ <= ?)
--     AND (RES.LOCK_OWNER_ IS NULL OR RES.LOCK_EXP_TIME_ < ?) AND RES.SUSPENSION_STATE_ = 1 AND … LIMIT 3
-- Camunda has no index on DUEDATE_. Every running file holds its timers (the délai, the tacit decision…), almost all
-- due in weeks or months, so PostgreSQL read the whole table to find none: with 250,000 running instances, 275,006
-- jobs, 16,178 pages (126 MB) and 86-96 ms per acquisition; with this index 0.06-0.12 ms (docs/performance.md,
-- nineteenth session). PostgreSQL answers the IS NULL and the <= from it together (BitmapOr), and plans with the
-- value of ? (PlansParRequete), without which its generic plan would scan the table again. Small: 1.9 MB there.

CREATE INDEX ACT_IDX_JOB_ACQUISITION ON ACT_RU_JOB (DUEDATE_) WHERE RETRIES_ > 0 AND SUSPENSION_STATE_ = 1;
