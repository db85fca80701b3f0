package fr.parcelle.domain.port;

import fr.parcelle.domain.model.dossier.NumeroDossier;
import java.time.LocalDate;
import java.util.List;

/**
 * The legal process of instruction, seen from the application. Only infrastructure.workflow knows
 * which engine runs it; calls join the caller's transaction.
 */
public interface InstructionWorkflow {

  /** Starts the instruction of a deposited dossier; the dossier number is the business key. */
  String demarrer(DemarrageInstruction demarrage);

  /**
   * The applicant supplied the pièces requested (R423-39): the process leaves its wait, with the
   * new legal dates.
   */
  void piecesRecues(
      NumeroDossier numero, fr.parcelle.domain.model.dossier.Dossier.Echeances echeances);

  /** Open tasks of a dossier, oldest first. */
  List<TacheInstruction> taches(NumeroDossier numero);

  /** What the process needs to know when it starts. */
  record DemarrageInstruction(
      NumeroDossier numero,
      String typeDossier,
      String communeInsee,
      String groupeInstructeurs,
      String groupeMaire,
      LocalDate dateDepot,
      LocalDate dateLimiteCompletude,
      LocalDate dateDecisionTacite,
      Resume resume) {}

  /**
   * What the agents read of the dossier in their tasks (display only; the dossier stays the
   * reference).
   */
  record Resume(
      String libelleType,
      String communeNom,
      String demandeurs,
      String adresseTerrain,
      String descriptionProjet) {

    /** A deposited dossier's summary, with its type's label and its commune's name. */
    public static Resume de(
        fr.parcelle.domain.model.dossier.Dossier d, String libelleType, String communeNom) {
      return new Resume(
          libelleType,
          communeNom,
          d.demandeurs().stream()
              .map(fr.parcelle.domain.model.dossier.Demandeur::designation)
              .collect(java.util.stream.Collectors.joining(" ; ")),
          d.adresse().map(fr.parcelle.domain.model.dossier.Adresse::enLigne).orElse(""),
          d.projet().map(fr.parcelle.domain.model.dossier.Projet::description).orElse(""));
    }
  }

  /** An open task, as shown to people. */
  record TacheInstruction(
      String id, String cle, String nom, List<String> groupesCandidats, LocalDate echeance) {}
}
