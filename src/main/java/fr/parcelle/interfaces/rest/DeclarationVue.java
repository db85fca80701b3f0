package fr.parcelle.interfaces.rest;

import fr.parcelle.domain.model.dossier.DeclarationChantier;
import java.time.LocalDate;

/**
 * A declaration received on an authorisation (DOC, DAACT), as answered to its holder: what the
 * works' date is, when it was received, and for a DAACT until when conformity may be contested.
 */
public record DeclarationVue(
    String nature,
    LocalDate dateTravaux,
    LocalDate dateReception,
    String declarant,
    LocalDate finContestation,
    Integer moisContestation,
    String articleContestation,
    String recepisse) {

  static DeclarationVue de(DeclarationChantier d, String recepisse) {
    return new DeclarationVue(
        d.nature().name(),
        d.dateTravaux(),
        d.dateReception(),
        d.declarant(),
        d.finContestation().orElse(null),
        d.moisContestation().orElse(null),
        d.articleContestation().orElse(null),
        recepisse);
  }

  /** The request body: the day the works opened (DOC) or were completed (DAACT). */
  public record Corps(String date) {}
}
