package fr.parcelle.infrastructure.workflow;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The Tasklist's task queries are planned by PostgreSQL with their values, on one core, without the
 * incremental sort: three plans that looked cheaper to the planner and cost ten times more on the
 * loaded database ({@code docs/performance.md}, thirteenth session).
 *
 * <ul>
 *   <li><b>A plan made without the values.</b> The JDBC driver prepares a statement on the server
 *       after five uses, and PostgreSQL may then keep one generic plan for it. Without the values
 *       it guesses that the user's groups hold about 20 task authorisations (the test {@code PERMS_
 *       & ? = ?} gets a default selectivity), so it reads them once and compares each open task of
 *       the groups with each of them ({@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')}, which it
 *       cannot hash): 113–158 ms for a sector's 438 tasks instead of 12–18 ms; 3.5 s instead of 95
 *       ms for someone in the nine groups of a métropole's 3,500 tasks. Hence {@code
 *       plan_cache_mode = force_custom_plan}.
 *   <li><b>Walking all tasks by creation date.</b> The Tasklist asks for the first page sorted by
 *       creation date; the query is a {@code select distinct}, which an incremental sort can feed
 *       from the creation-date index. PostgreSQL then walks the 225,000 open tasks from the newest
 *       and probes each one's candidate link until it has 15 of the group's: 12,749 probes, 102 ms
 *       for a sector, where reading the group's 438 links and sorting them takes 7 ms. Hence {@code
 *       enable_incremental_sort = off}: the page then costs what the group's tasks cost.
 *   <li><b>Parallel workers.</b> For a group of a few hundred tasks the planner preferred a
 *       parallel scan of every candidate link to the group's index: 26–45 ms instead of 7.
 *       Parallelism only paid for someone in the groups of 3,500 tasks (about 60 ms instead of
 *       110), which sectors avoid; and the Tasklist serves many instructors at once, so a query
 *       keeps to one core. Hence {@code max_parallel_workers_per_gather = 0}.
 * </ul>
 *
 * <p>The job executor's acquisition is planned with its values too ({@link #REGLAGE_ACQUISITION}).
 *
 * <p>For a task query ({@link TaskQueryImpl}, and a Tasklist filter's list or count, which runs its
 * query inside {@link AbstractExecuteFilterCmd}), this interceptor sets those three for the rest of
 * the transaction ({@code SET LOCAL}: the pooled connection goes back with the server's settings).
 * Planning with the values costs a few milliseconds per query; every other statement of the engine
 * and of JPA (deposits, jobs) keeps the server's settings and its cached plans. Installed after the
 * engine's command context (a post-command interceptor) by {@link #plugin()}, on Payara's engine,
 * the tests' and the benches'. A failure to set them is logged and the query runs anyway.
 */
public final class PlansParRequete extends CommandInterceptor {

  private static final Logger LOG = Logger.getLogger(PlansParRequete.class.getName());

  static final String REGLAGE =
      "set local plan_cache_mode = force_custom_plan;"
          + " set local enable_incremental_sort = off;"
          + " set local max_parallel_workers_per_gather = 0";

  private PlansParRequete() {}

  /** The plugin that installs this interceptor inside the engine's command context. */
  public static ProcessEnginePlugin plugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl c) {
        List<CommandInterceptor> apres = new ArrayList<>();
        if (c.getCustomPostCommandInterceptorsTxRequired() != null) {
          apres.addAll(c.getCustomPostCommandInterceptorsTxRequired());
        }
        apres.add(new PlansParRequete());
        c.setCustomPostCommandInterceptorsTxRequired(apres);
      }
    };
  }

  /**
   * The job executor's acquisition ({@link AcquireJobsCmd}): planned with its value of "now". Its
   * generic plan guesses that a third of the jobs are due, and with {@code LIMIT 3} it then scans
   * the table, expecting to stop after a few rows; almost none are due, so it reads all of them (96
   * ms with 275,006 timers instead of 0.06 ms through {@code ACT_IDX_JOB_ACQUISITION}, migration
   * V15).
   */
  static final String REGLAGE_ACQUISITION = "set local plan_cache_mode = force_custom_plan";

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof TaskQueryImpl || command instanceof AbstractExecuteFilterCmd) {
      planifierAvecLesValeurs(REGLAGE);
    } else if (command instanceof AcquireJobsCmd) {
      planifierAvecLesValeurs(REGLAGE_ACQUISITION);
    }
    return next.execute(command);
  }

  private static void planifierAvecLesValeurs(String reglage) {
    CommandContext contexte = Context.getCommandContext();
    if (contexte == null) {
      return;
    }
    try {
      Connection connexion = contexte.getDbSqlSession().getSqlSession().getConnection();
      try (Statement s = connexion.createStatement()) {
        s.execute(reglage);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "Plans par requête non demandés ; la requête part quand même", e);
    }
  }
}
