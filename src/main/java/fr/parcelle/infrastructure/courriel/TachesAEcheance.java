package fr.parcelle.infrastructure.courriel;

import fr.parcelle.application.courriel.Recapitulatif;
import fr.parcelle.infrastructure.identite.Groupes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * The digests of the day, read from the engine: for each member of an instructors' group who has an
 * e-mail address, the open tasks assigned to them or offered to one of their groups, due before the
 * horizon (overdue ones included). Read only; no authorisation check (no current user).
 */
public final class TachesAEcheance {

  /** One digest to send, and where. */
  public record Destinataire(String email, Recapitulatif recapitulatif) {}

  private final ProcessEngine moteur;

  public TachesAEcheance(ProcessEngine moteur) {
    this.moteur = moteur;
  }

  public List<Destinataire> recapitulatifs(LocalDate jour, int horizonJours, ZoneId fuseau) {
    IdentityService identite = moteur.getIdentityService();
    Map<String, User> instructeurs = new LinkedHashMap<>();
    for (Group g : identite.createGroupQuery().orderByGroupId().asc().list()) {
      if (g.getId().startsWith(Groupes.PREFIXE_INSTRUCTEURS)) {
        for (User u : identite.createUserQuery().memberOfGroup(g.getId()).list()) {
          instructeurs.putIfAbsent(u.getId(), u);
        }
      }
    }
    Date limite = Date.from(jour.plusDays(horizonJours + 1L).atStartOfDay(fuseau).toInstant());
    List<Destinataire> resultat = new ArrayList<>();
    for (User u : instructeurs.values()) {
      if (u.getEmail() == null || u.getEmail().isBlank()) {
        continue;
      }
      List<String> groupes =
          identite.createGroupQuery().groupMember(u.getId()).list().stream()
              .map(Group::getId)
              .toList();
      Map<String, Task> taches = new LinkedHashMap<>();
      var service = moteur.getTaskService();
      for (Task t :
          service.createTaskQuery().taskAssignee(u.getId()).active().dueBefore(limite).list()) {
        taches.put(t.getId(), t);
      }
      if (!groupes.isEmpty()) {
        // Candidate queries leave out tasks claimed by someone: those are the other's to do.
        for (Task t :
            service
                .createTaskQuery()
                .taskCandidateGroupIn(groupes)
                .active()
                .dueBefore(limite)
                .list()) {
          taches.putIfAbsent(t.getId(), t);
        }
      }
      if (taches.isEmpty()) {
        continue;
      }
      Map<String, String> numeros = numeros(taches.values());
      List<Recapitulatif.Tache> liste =
          taches.values().stream()
              .sorted(Comparator.comparing(Task::getDueDate).thenComparing(Task::getId))
              .map(
                  t ->
                      new Recapitulatif.Tache(
                          t.getId(),
                          numeros.getOrDefault(t.getProcessInstanceId(), "?"),
                          t.getName(),
                          Instant.ofEpochMilli(t.getDueDate().getTime())))
              .toList();
      resultat.add(
          new Destinataire(
              u.getEmail(),
              new Recapitulatif(u.getId(), u.getFirstName(), jour, horizonJours, liste)));
    }
    return resultat;
  }

  /** The business key (dossier number) of each task's process instance. */
  private Map<String, String> numeros(java.util.Collection<Task> taches) {
    Set<String> instances = new TreeSet<>();
    for (Task t : taches) {
      if (t.getProcessInstanceId() != null) {
        instances.add(t.getProcessInstanceId());
      }
    }
    Map<String, String> numeros = new LinkedHashMap<>();
    if (!instances.isEmpty()) {
      for (ProcessInstance pi :
          moteur
              .getRuntimeService()
              .createProcessInstanceQuery()
              .processInstanceIds(instances)
              .list()) {
        numeros.put(pi.getId(), pi.getBusinessKey());
      }
    }
    return numeros;
  }
}
