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
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The Tasklist's task queries are planned by PostgreSQL with their values, every time.
 *
 * <p>The JDBC driver prepares a statement on the server after five uses, and PostgreSQL may then
 * keep one generic plan for it, made without the values. For Camunda's task query with
 * authorisation checks, that generic plan is a trap: without the values it guesses that the user's
 * groups hold about 20 task authorisations (the test {@code PERMS_ & ? = ?} gets a default
 * selectivity), so it reads them once and compares each of the groups' open tasks with each of them
 * ({@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')}, which it cannot hash). With a sector's 438
 * tasks that is 190,000 comparisons, 113–158 ms for a count planned with its values in 12–18 ms;
 * for someone in the nine groups of a métropole's 3,500 tasks, 12 million, 3.5 s instead of 95 ms
 * ({@code docs/performance.md}, thirteenth session).
 *
 * <p>So, for a task query ({@link TaskQueryImpl}, and a Tasklist filter's list or count, which runs
 * its query inside {@link AbstractExecuteFilterCmd}), this interceptor sets {@code plan_cache_mode
 * = force_custom_plan} for the rest of the transaction ({@code SET LOCAL}: the pooled connection
 * goes back with the server's setting). Planning with the values costs a few milliseconds per
 * query; every other statement of the engine and of JPA (deposits, jobs) keeps its cached plans.
 * Installed after the engine's command context (a post-command interceptor) by {@link #plugin()},
 * on Payara's engine, the tests' and the benches'. A failure to set it is logged and the query runs
 * anyway.
 */
public final class PlansParRequete extends CommandInterceptor {

  private static final Logger LOG = Logger.getLogger(PlansParRequete.class.getName());

  static final String REGLAGE = "set local plan_cache_mode = force_custom_plan";

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

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof TaskQueryImpl || command instanceof AbstractExecuteFilterCmd) {
      CommandContext contexte = Context.getCommandContext();
      if (contexte != null) {
        planifierAvecLesValeurs(contexte);
      }
    }
    return next.execute(command);
  }

  private static void planifierAvecLesValeurs(CommandContext contexte) {
    try {
      Connection connexion = contexte.getDbSqlSession().getSqlSession().getConnection();
      try (Statement s = connexion.createStatement()) {
        s.execute(REGLAGE);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "Plans par requête non demandés ; la requête part quand même", e);
    }
  }
}
