package fr.parcelle.application.courriel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An instructor's daily digest: the open tasks that are theirs or their groups', due within the
 * horizon (or overdue), as they stood when the digest was prepared.
 */
public record Recapitulatif(
    String login, String prenom, LocalDate jour, int horizonJours, List<Tache> taches) {

  public Recapitulatif {
    taches = taches == null ? List.of() : List.copyOf(taches);
  }

  /** A task of the instruction process: its dossier, its name and its due date. */
  public record Tache(String id, String numeroDossier, String nom, Instant echeance) {}
}
