-- A running session's row is rewritten every minute by the billing sweep. At fillfactor 80 a page of ~26 sessions
-- had room for ~6 new versions: when every session of a page is running (the newest pages, where running sessions
-- are), most of a minute's row updates did not fit and were not HOT (EXPLAIN of 10,000 sessions: 5.5 WAL records per
-- updated row, new entries in the seven indexes). At 50 every row of a page can be rewritten in place once between two
-- prunings. Costs twice the heap pages for sessions; every read of sessions goes through an index. Applies to pages
-- written from now on (VACUUM FULL or pg_repack rewrites existing ones).
ALTER TABLE "sessions" SET (fillfactor = 50);
