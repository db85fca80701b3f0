package fr.parcelle.domain.model.dossier;

import java.util.Set;

/**
 * The express decisions an authority may take, by nature of dossier: a permit is granted or refused
 * (or its decision deferred, L424-1), a déclaration préalable meets opposition or not, a
 * certificate states the rules and, for a CUb, whether the operation can be carried out.
 */
public enum NatureDecision {
  ACCORD("accord", Set.of("PC", "PA", "PD"), false, false),
  ACCORD_AVEC_PRESCRIPTIONS("accord avec prescriptions", Set.of("PC", "PA", "PD"), true, false),
  REFUS("refus", Set.of("PC", "PA", "PD"), false, true),
  SURSIS_A_STATUER("sursis à statuer", Set.of("PC", "PA", "PD", "DP"), false, true),
  NON_OPPOSITION("non-opposition", Set.of("DP"), false, false),
  NON_OPPOSITION_AVEC_PRESCRIPTIONS("non-opposition avec prescriptions", Set.of("DP"), true, false),
  OPPOSITION("opposition", Set.of("DP"), false, true),
  CU_DELIVRE("certificat d'urbanisme délivré", Set.of("CU"), false, false),
  CU_OPERATION_NON_REALISABLE(
      "certificat d'urbanisme : opération non réalisable", Set.of("CU"), false, true);

  private final String libelle;
  private final Set<String> natures;
  private final boolean avecPrescriptions;
  private final boolean defavorable;

  NatureDecision(
      String libelle, Set<String> natures, boolean avecPrescriptions, boolean defavorable) {
    this.libelle = libelle;
    this.natures = natures;
    this.avecPrescriptions = avecPrescriptions;
    this.defavorable = defavorable;
  }

  public String libelle() {
    return libelle;
  }

  /** Whether this decision exists for a dossier of this nature (PC, PA, PD, DP, CU). */
  public boolean possiblePour(String nature) {
    return natures.contains(nature);
  }

  /** Whether it carries prescriptions the applicant must follow. */
  public boolean avecPrescriptions() {
    return avecPrescriptions;
  }

  /** Refusal, opposition, deferral or a negative CU: the law requires its reasons (L424-3). */
  public boolean exigeMotifs() {
    return defavorable;
  }
}
