package fr.parcelle.domain.model.dossier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What an arrêté (or a certificat d'urbanisme) says, as plain data: the document generator turns it
 * into the act the maire signs. The visas of the code and of the request are written by the
 * template; {@link #visas} adds the others (document d'urbanisme, avis rendered).
 *
 * @param commune the commune's name, e.g. "Vern-sur-Seiche"
 * @param communeInsee its INSEE code
 * @param signataire the full name of the one who signs (the maire or a delegate)
 * @param qualiteSignataire their capacity, e.g. "Maire de Vern-sur-Seiche"
 * @param numeroDossier the legal number as displayed, e.g. "PC 035 352 27 00001"
 * @param demandeurs each applicant as designated in the act
 * @param parcelles cadastral references, e.g. "AB 0123"
 * @param surfacePlancherCreeeM2 surface de plancher created, or null
 * @param surfacePlancherDemolieM2 surface de plancher demolished, or null
 * @param motifs the reasons; required when the decision is unfavourable (L424-3)
 * @param prescriptions required when the decision carries prescriptions
 * @param tribunalAdministratif the court appeals go to, e.g. "tribunal administratif de Rennes"
 * @param auNomDeLaCommune whether the maire decides in the commune's name (it has a PLU): the act
 *     is then transmitted to the préfet and enforceable only after (L424-7)
 * @param date the date of the act
 */
public record ArreteADelivrer(
    String commune,
    String communeInsee,
    String signataire,
    String qualiteSignataire,
    String numeroDossier,
    TypeDossier type,
    LocalDate dateDepot,
    List<String> demandeurs,
    String adresseTerrain,
    List<String> parcelles,
    String descriptionProjet,
    BigDecimal surfacePlancherCreeeM2,
    BigDecimal surfacePlancherDemolieM2,
    NatureDecision nature,
    String motifs,
    String prescriptions,
    List<String> visas,
    String tribunalAdministratif,
    boolean auNomDeLaCommune,
    LocalDate date) {

  public ArreteADelivrer {
    Objects.requireNonNull(commune, "commune");
    Objects.requireNonNull(signataire, "signataire");
    Objects.requireNonNull(qualiteSignataire, "qualiteSignataire");
    Objects.requireNonNull(numeroDossier, "numeroDossier");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(dateDepot, "dateDepot");
    Objects.requireNonNull(nature, "nature");
    Objects.requireNonNull(tribunalAdministratif, "tribunalAdministratif");
    Objects.requireNonNull(date, "date");
    demandeurs = List.copyOf(demandeurs);
    parcelles = parcelles == null ? List.of() : List.copyOf(parcelles);
    visas = visas == null ? List.of() : List.copyOf(visas);
    if (demandeurs.isEmpty()) {
      throw new IllegalArgumentException("Un arrêté nomme au moins un demandeur.");
    }
    if (!nature.possiblePour(type.nature())) {
      throw new IllegalArgumentException(
          "Une décision « " + nature.libelle() + " » n'existe pas pour un dossier " + type.name());
    }
    if (nature.exigeMotifs() && estVide(motifs)) {
      throw new IllegalArgumentException(
          "Une décision « " + nature.libelle() + " » doit être motivée (article L424-3).");
    }
    if (nature.avecPrescriptions() && estVide(prescriptions)) {
      throw new IllegalArgumentException(
          "Une décision « " + nature.libelle() + " » énonce ses prescriptions.");
    }
  }

  private static boolean estVide(String texte) {
    return texte == null || texte.isBlank();
  }
}
