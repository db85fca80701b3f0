package fr.parcelle.infrastructure.identite;

import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.SecteurInstruction;
import fr.parcelle.domain.model.territoire.ServiceInstructeur;
import fr.parcelle.domain.model.territoire.Territoire;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * When a commune joins, leaves or changes sector ({@code referentiel/secteurs-instructeurs.csv}),
 * its files already in instruction follow: their open tasks are offered to the new group (its
 * per-task authorisation comes with the candidate link; the former group's, which the engine would
 * keep, is deleted), and the instance's {@code groupeInstructeurs} (and a consultation's {@code
 * groupeAvis} when the instructors answer it themselves) name the new group, so the tasks still to
 * come go there too. A task someone has claimed stays theirs.
 *
 * <p>Only services that have, or had, sectors are read: their group, their sectors' groups in the
 * reference data, and the groups of the identity store named like a sector of theirs (a sector that
 * was removed). Each file moves in one transaction, under a lock on its instance's row: when two
 * nodes start together, the second waits for the first and then finds the file moved. Idempotent: a
 * second run finds nothing.
 */
public final class ReaffectationSecteurs {

  private static final Logger LOG = Logger.getLogger(ReaffectationSecteurs.class.getName());

  static final String GROUPE_INSTRUCTEURS = "groupeInstructeurs";
  static final String GROUPE_AVIS = "groupeAvis";
  private static final int LOT = 500;

  private final ProcessEngine moteur;
  private final Territoire territoire;

  public ReaffectationSecteurs(ProcessEngine moteur, Territoire territoire) {
    this.moteur = moteur;
    this.territoire = territoire;
  }

  /** Moves the files whose group is no longer their commune's; returns how many moved. */
  public int reaffecter() {
    Map<String, ServiceInstructeur> servicesParGroupe = new HashMap<>();
    for (Commune c : territoire.communes()) {
      territoire
          .service(c.codeService())
          .ifPresent(s -> servicesParGroupe.put(s.groupeInstructeurs(), s));
    }
    Set<String> groupesDuStock = new LinkedHashSet<>();
    for (Group g : moteur.getIdentityService().createGroupQuery().list()) {
      groupesDuStock.add(g.getId());
    }
    int deplaces = 0;
    for (ServiceInstructeur service : servicesParGroupe.values()) {
      Set<String> groupes = groupesDuService(service, servicesParGroupe.keySet(), groupesDuStock);
      if (groupes.size() > 1) {
        for (String groupe : groupes) {
          deplaces += reaffecter(groupe);
        }
      }
    }
    if (deplaces > 0) {
      int n = deplaces;
      LOG.info(
          () ->
              n
                  + " dossier(s) en cours confié(s) au groupe d'instructeurs que leur commune désigne désormais");
    }
    return deplaces;
  }

  private Set<String> groupesDuService(
      ServiceInstructeur service, Set<String> groupesDeServices, Set<String> groupesDuStock) {
    Set<String> groupes = new LinkedHashSet<>();
    groupes.add(service.groupeInstructeurs());
    for (SecteurInstruction s : territoire.secteurs()) {
      if (s.codeService().equals(service.code())) {
        groupes.add(s.groupe());
      }
    }
    String prefixe = service.groupeInstructeurs() + "-";
    for (String g : groupesDuStock) {
      if (g.startsWith(prefixe) && !groupesDeServices.contains(g)) {
        groupes.add(g);
      }
    }
    return groupes;
  }

  /** The running files whose instructors' group is {@code groupe} but should not be. */
  private int reaffecter(String groupe) {
    RuntimeService runtime = moteur.getRuntimeService();
    List<String> instances = new ArrayList<>();
    for (VariableInstance v :
        runtime
            .createVariableInstanceQuery()
            .variableValueEquals(GROUPE_INSTRUCTEURS, groupe)
            .list()) {
      instances.add(v.getProcessInstanceId());
    }
    int deplaces = 0;
    for (int i = 0; i < instances.size(); i += LOT) {
      Set<String> lot =
          new LinkedHashSet<>(instances.subList(i, Math.min(i + LOT, instances.size())));
      for (ProcessInstance pi :
          runtime.createProcessInstanceQuery().processInstanceIds(lot).list()) {
        Optional<String> attendu = groupeAttendu(pi.getBusinessKey());
        if (attendu.isPresent() && !attendu.get().equals(groupe)) {
          try {
            deplacer(pi.getId(), groupe, attendu.get());
            deplaces++;
          } catch (OptimisticLockingException e) {
            // The file moved on meanwhile (a task completed): this transaction rolled back and
            // the next start finds it again if it still needs moving.
            LOG.info(
                () ->
                    "Dossier "
                        + pi.getBusinessKey()
                        + " modifié pendant son changement de secteur : repris au prochain démarrage");
          }
        }
      }
    }
    return deplaces;
  }

  private Optional<String> groupeAttendu(String cleMetier) {
    try {
      return territoire
          .commune(NumeroDossier.depuis(cleMetier).communeInsee())
          .map(territoire::groupeInstructeurs);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty(); // not a dossier's instance
    }
  }

  /**
   * Another node starting at the same time waits here until this file's move has committed, then
   * reads the new group and has nothing left to do (without the lock, both would insert the new
   * group's task authorisation, and the second fails on its unique key).
   */
  private static void verrouiller(CommandContext contexte, String instance) {
    try (PreparedStatement s =
        contexte
            .getDbSqlSession()
            .getSqlSession()
            .getConnection()
            .prepareStatement("select id_ from act_ru_execution where id_ = ? for update")) {
      s.setString(1, instance);
      s.executeQuery().close();
    } catch (SQLException e) {
      throw new IllegalStateException("Verrou du dossier " + instance, e);
    }
  }

  /** One file, in one transaction: its variables, then its open tasks' candidate group. */
  private void deplacer(String instance, String ancien, String nouveau) {
    ((ProcessEngineConfigurationImpl) moteur.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(
            contexte -> {
              verrouiller(contexte, instance);
              RuntimeService runtime = moteur.getRuntimeService();
              TaskService taches = moteur.getTaskService();
              AuthorizationService autorisations = moteur.getAuthorizationService();
              for (VariableInstance v :
                  runtime
                      .createVariableInstanceQuery()
                      .processInstanceIdIn(instance)
                      .variableNameIn(GROUPE_INSTRUCTEURS, GROUPE_AVIS)
                      .list()) {
                if (ancien.equals(v.getValue())) {
                  runtime.setVariableLocal(v.getExecutionId(), v.getName(), nouveau);
                }
              }
              for (Task t :
                  taches
                      .createTaskQuery()
                      .processInstanceId(instance)
                      .taskCandidateGroup(ancien)
                      .includeAssignedTasks()
                      .list()) {
                taches.deleteGroupIdentityLink(t.getId(), ancien, IdentityLinkType.CANDIDATE);
                // Camunda keeps the former group's authorisation on the task when its link goes.
                for (Authorization a :
                    autorisations
                        .createAuthorizationQuery()
                        .resourceType(Resources.TASK)
                        .resourceId(t.getId())
                        .groupIdIn(ancien)
                        .list()) {
                  autorisations.deleteAuthorization(a.getId());
                }
                taches.addCandidateGroup(t.getId(), nouveau);
              }
              return null;
            });
  }
}
