package fr.parcelle.infrastructure.workflow;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * The engine's entity manager, without the error message it writes for every row it inserts.
 *
 * <p>Camunda's {@code DbEntityManager.insert} checks that the new entity's id is not {@code *}, the
 * identifier reserved for "every resource" in authorisations. It builds the message of that check
 * before making it: {@code "Entity " + entity + …}, that is the entity's {@code toString}, which
 * lists all its fields, at each of the 30 to 40 rows a deposit or a completion inserts. A profile
 * of the deposits (issue 8, a; {@code docs/performance.md}, twenty-second session) found 1.5 % of
 * the server's CPU in those messages that are never shown.
 *
 * <p>This manager makes the same check first and lets Camunda's own code build its message and
 * throw only when the id is missing or is {@code *}: the same exception, with the same text. All
 * else is Camunda's. Installed by {@link #plugin()} in place of Camunda's factory, on Payara's
 * engine, the tests' and the benches'.
 */
public final class EntitesSansMessage extends DbEntityManager {

  EntitesSansMessage(
      org.camunda.bpm.engine.impl.cfg.IdGenerator ids, PersistenceSession persistance) {
    super(ids, persistance);
  }

  @Override
  protected void validateId(DbEntity entite) {
    String id = entite.getId();
    if (id == null || Authorization.ANY.equals(id)) {
      super.validateId(entite);
    }
  }

  /** The plugin: the engine opens this manager wherever it opened its own. */
  public static ProcessEnginePlugin plugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl c) {
        List<SessionFactory> fabriques = new ArrayList<>();
        if (c.getCustomSessionFactories() != null) {
          fabriques.addAll(c.getCustomSessionFactories());
        }
        fabriques.add(fabrique(c));
        c.setCustomSessionFactories(fabriques);
      }
    };
  }

  /**
   * The session factory for {@link DbEntityManager}; the id generator is read when a session opens,
   * because the engine sets its default one after the plugins' {@code preInit}.
   */
  static SessionFactory fabrique(ProcessEngineConfigurationImpl c) {
    return new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return DbEntityManager.class;
      }

      @Override
      public Session openSession() {
        return new EntitesSansMessage(
            c.getIdGenerator(), Context.getCommandContext().getSession(PersistenceSession.class));
      }
    };
  }
}
