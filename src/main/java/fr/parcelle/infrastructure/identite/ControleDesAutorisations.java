package fr.parcelle.infrastructure.identite;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.IdentityLinkType;

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
 *
 * <p>It also leaves out the per-task check of a task query that asks only for the tasks offered to
 * the user's own groups ({@link #offertesASesGroupes}): every one of them carries its own proof.
 * When a candidate group is added to a task, the engine grants that group READ on the task in the
 * same transaction (the default authorisation provider, {@link AutorisationsParDefaut}), and
 * Parcelle never takes that grant away while the link stays ({@link ReaffectationSecteurs} removes
 * both; a person may not take the grant while the link stays, {@link #delete}). So the check, which
 * costs three index probes per task, would keep every row. For the head of a service of 3,500 open
 * tasks it was two thirds of the list's time ({@code docs/performance.md}, seventeenth session).
 * Any other query keeps it whole: other groups' tasks, a candidate user or a pattern, an "or"
 * query, and every query of a user or group that has a revoking authorisation.
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
  public void configureTaskQuery(TaskQueryImpl requete) {
    super.configureTaskQuery(requete);
    AuthorizationCheck controle = requete.getAuthCheck();
    if (controle.isAuthorizationCheckEnabled()
        && !controle.isRevokeAuthorizationCheckEnabled()
        && offertesASesGroupes(requete, controle.getAuthGroupIds())) {
      controle.setAuthorizationCheckEnabled(false);
    }
  }

  /**
   * Whether {@code requete} can only return tasks offered to one of {@code groupesDeLUtilisateur}:
   * one query (no "or" branch, which could widen it), candidate groups named and every one of them
   * the user's, no candidate user (whose own links would count too) and no pattern. Its other
   * criteria (dates, variables, number…) can only narrow it.
   */
  static boolean offertesASesGroupes(TaskQueryImpl requete, List<String> groupesDeLUtilisateur) {
    if (requete.getQueries().size() != 1
        || requete.isOrQueryActive()
        || requete.getCandidateUser() != null
        || requete.getCandidateGroupLike() != null
        || groupesDeLUtilisateur == null) {
      return false;
    }
    List<String> candidats = requete.getCandidateGroups();
    return candidats != null
        && !candidats.isEmpty()
        && groupesDeLUtilisateur.containsAll(candidats);
  }

  /**
   * Keeps the rule the lists rely on: a person (Camunda Admin, the REST API) may not delete a
   * group's grant to read a task while the group is still a candidate for it. The task would stay
   * in the group's lists, where filters on its variables could be tried against it, and fail to
   * open. Removing the group from the task first, then its grant, is what takes a file from a group
   * (the engine keeps the grant when the link goes). Parcelle's own code, which runs without a
   * person's login, does both in that order ({@link ReaffectationSecteurs}).
   */
  @Override
  public void delete(DbEntity entite) {
    if (entite instanceof AuthorizationEntity autorisation) {
      refuserSiLaListeLaMontreraitEncore(autorisation, null);
    }
    super.delete(entite);
  }

  /** The same rule when a person edits the grant: READ removed, or the grant moved elsewhere. */
  @Override
  public void update(AuthorizationEntity modifiee) {
    AuthorizationEntity enBase =
        getDbEntityManager().selectById(AuthorizationEntity.class, modifiee.getId());
    if (enBase != null && enBase != modifiee) {
      refuserSiLaListeLaMontreraitEncore(enBase, modifiee);
    }
    super.update(modifiee);
  }

  private void refuserSiLaListeLaMontreraitEncore(
      AuthorizationEntity avant, AuthorizationEntity apres) {
    if (getCurrentAuthentication() == null || !lectureDeTacheParUnGroupe(avant)) {
      return;
    }
    if (apres != null
        && lectureDeTacheParUnGroupe(apres)
        && avant.getGroupId().equals(apres.getGroupId())
        && avant.getResourceId().equals(apres.getResourceId())) {
      return;
    }
    boolean candidat =
        getIdentityLinkManager().findIdentityLinksByTaskId(avant.getResourceId()).stream()
            .anyMatch(
                lien ->
                    IdentityLinkType.CANDIDATE.equals(lien.getType())
                        && avant.getGroupId().equals(lien.getGroupId()));
    if (candidat) {
      throw new BadUserRequestException(
          "Le groupe « "
              + avant.getGroupId()
              + " » est candidat de la tâche "
              + avant.getResourceId()
              + " : retirez-le d'abord des groupes de la tâche, puis son autorisation de lecture.");
    }
  }

  private static boolean lectureDeTacheParUnGroupe(AuthorizationEntity a) {
    return a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT
        && a.getResourceType() == Resources.TASK.resourceType()
        && a.getGroupId() != null
        && a.getResourceId() != null
        && a.isPermissionGranted(Permissions.READ);
  }

  @Override
  public List<String> filterAuthenticatedGroupIds(List<String> groupes) {
    return groupes == null ? new ArrayList<>() : new ArrayList<>(groupes);
  }
}
