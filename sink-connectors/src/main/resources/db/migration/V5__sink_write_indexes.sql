-- The sink at 20k rows/s (issue 12): every index is written with every row, so only the indexes a query reads stay.
-- The queries are api-ingest's (history/JdbcCallHistoryRepository) and stack reconcile's (whole tables, no index):
--   history pages and counts  call_history WHERE caller_id / receiver_id [ORDER BY ended_at DESC, call_id DESC]
--                             -> call_history_caller_history_idx, call_history_receiver_history_idx (kept)
--   stats                     call_history WHERE caller_id / receiver_id AND status = 'completed'
--                             -> the same history indexes by their first column: a party's completed calls are
--                                most of its calls, and the status index read the table's rows as well
--   one call, its entries     call_history by call_id (primary key); ledger_entries WHERE related_id ORDER BY
--                             created_at, entry_id -> ledger_entries_related_idx (kept)
-- No query reads an account's statement (ledger_entries by account_key) or a receiver's ongoing call (active_calls by
-- receiver_id, the busiest table: a row written, updated and deleted per call). An endpoint that needs one adds its
-- index with it.
DROP INDEX call_history_caller_status_idx;
DROP INDEX call_history_receiver_status_idx;
DROP INDEX ledger_entries_account_idx;
DROP INDEX active_calls_receiver_idx;
