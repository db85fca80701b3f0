-- The engine checks every task an instructor lists against ACT_RU_AUTHORIZATION with bit tests on PERMS_
-- ("PERMS_ & 2 = 2": READ on the task, "& 64": READ_TASK on the process definition; "& 512", "& 4096": the
-- instance and history rights Cockpit checks). PostgreSQL has no statistics for such expressions and guesses
-- 0.5 % of rows: with one authorisation per open task (250,000), it then joined the tasks of a large service
-- to its authorisations by a nested loop over both sets (3.9 s for one count of 3,500 tasks, measured by
-- BancRequetes). With statistics on the expressions it probes the authorisation index per task (65 ms). They serve
-- plans made with the query's values (PostgreSQL's default for a statement's first executions, and whenever its
-- generic plan does not look cheaper).
CREATE STATISTICS IF NOT EXISTS act_ru_authorization_perms_2 ON (perms_ & 2) FROM act_ru_authorization;
CREATE STATISTICS IF NOT EXISTS act_ru_authorization_perms_64 ON (perms_ & 64) FROM act_ru_authorization;
CREATE STATISTICS IF NOT EXISTS act_ru_authorization_perms_512 ON (perms_ & 512) FROM act_ru_authorization;
CREATE STATISTICS IF NOT EXISTS act_ru_authorization_perms_4096 ON (perms_ & 4096) FROM act_ru_authorization;
ANALYZE act_ru_authorization;
