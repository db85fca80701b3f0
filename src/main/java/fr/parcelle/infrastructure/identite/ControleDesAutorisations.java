package fr.parcelle.infrastructure.identite;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * Camunda's authorisation checks without their inventory of groups. Before each authorised query
 * (every Tasklist list, count and search), Camunda's {@link AuthorizationManager} reads {@code
 * SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION} to drop from the user's groups those that
 * hold no authorisation at all. With one authorisation per open task (250,000 running files) that
 * read scans the whole table: 25 to 60 ms added to every query, measured by {@code BancRequetes},
 * where the query itself took under a millisecond. Here the user's groups are passed as they are: a
 * group with no authorisation matches no row of the check, so what a user may see or do is
 * unchanged; only the inventory is gone. Installed by {@link #installer} as the engine's {@link
 * AuthorizationManager}, in Payara ({@code ProcessEngineBootstrap}), the tests and the benches.
 */
public class ControleDesAutorisations extends AuthorizationManager {

  /**
   * Group ids name services, sectors and communes: "instructeurs-rennes-metropole", "maires-35352".
   */
  static final String GROUPES = "[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*";

  /**
   * The engine's security model, as Payara runs it and as the tests and benches must: authorisation
   * checks on, {@link AutorisationsParDefaut} (a new account reads its own profile but does not
   * write it: its e-mail names it on files), this manager (the same checks without the inventory of
   * groups), and group ids with hyphens.
   */
  public static void installer(ProcessEngineConfigurationImpl c) {
    c.setAuthorizationEnabled(true);
    c.setResourceAuthorizationProvider(new AutorisationsParDefaut());
    c.setCustomSessionFactories(new ArrayList<>(List.of(fabrique())));
    c.setGroupResourceWhitelistPattern(GROUPES);
  }

  /** The session factory that gives the engine this manager in place of its own. */
  public static SessionFactory fabrique() {
    return new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new ControleDesAutorisations();
      }
    };
  }

  @Override
  public List<String> filterAuthenticatedGroupIds(List<String> groupes) {
    return groupes == null ? new ArrayList<>() : new ArrayList<>(groupes);
  }
}
