package fr.parcelle.application.courriel;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a message to the applicants tells, as the dossier stood when the step committed: the outbox
 * trigger records it (table {@code courriel}, column {@code faits}), so a message sent late after
 * an SMTP failure still tells the dates of its step, not later ones.
 */
public record FaitsEtape(
    UUID dossierId,
    String numero,
    String typeDossier,
    String communeInsee,
    String statut,
    LocalDate dateDepot,
    Integer delaiMois,
    LocalDate dateFinDelai,
    LocalDate dateDecisionTacite,
    String natureDecisionTacite,
    LocalDate dateLimitePieces,
    String decision,
    LocalDate dateDecision,
    LocalDate dateNotification,
    LocalDate dateExecutoire,
    List<Evenement> evenements) {

  public FaitsEtape {
    evenements = evenements == null ? List.of() : List.copyOf(evenements);
  }

  /** One step of the timeline recorded in the same transaction. */
  public record Evenement(String type, LocalDate dateLegale, String article, String detail) {}

  public boolean contient(String type) {
    return evenements.stream().anyMatch(e -> e.type().equals(type));
  }

  public java.util.Optional<Evenement> evenement(String type) {
    return evenements.stream().filter(e -> e.type().equals(type)).findFirst();
  }
}
