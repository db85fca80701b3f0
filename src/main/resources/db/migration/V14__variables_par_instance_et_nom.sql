-- The Tasklist's searches by process variable (address, applicant) ask, for each open task of the instructor's
-- service, whether its instance has a variable of that name whose text matches:
--   EXISTS (SELECT ID_ FROM ACT_RU_VARIABLE WHERE NAME_ = ? AND TASK_ID_ IS NULL AND RES.PROC_INST_ID_ = PROC_INST_ID_ …)
-- Camunda's index on PROC_INST_ID_ alone made PostgreSQL read all of an instance's variables (twelve or so) for
-- each task; with NAME_ as its second column it reads one. Measured on 1,000,000 dossiers and 250,000 instances
-- (BancRequetes, docs/performance.md, 6 Dec. 2026): the search's count for a service of 3,500 open tasks went from
-- 74-79 ms to 41 ms, warm. The index keeps Camunda's name and its first column, so every statement that used it
-- still can and the engine writes one index per variable, as before; a later Camunda script that drops it by name
-- still finds it. This migration ran in 3.2 s on that database, during which variables can be neither read nor written.

DROP INDEX ACT_IDX_VAR_PROCINST;
CREATE INDEX ACT_IDX_VAR_PROCINST ON ACT_RU_VARIABLE (PROC_INST_ID_, NAME_);
