package fr.parcelle.interfaces.rest;

import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A dossier as the API shows it. {@code numero} is the compact legal number, {@code numeroAffiche}
 * the printed one.
 */
public record DossierVue(
    UUID id,
    String type,
    String libelleType,
    String communeInsee,
    String statut,
    String numero,
    String numeroAffiche,
    String depositaire,
    String demandeurNom,
    String descriptionProjet,
    Instant creeLe,
    Instant deposeLe,
    LocalDate dateDepot,
    LocalDate dateLimiteCompletude) {

  static DossierVue de(Dossier d) {
    return new DossierVue(
        d.id(),
        d.type().name(),
        d.type().libelle(),
        d.communeInsee(),
        d.statut().name(),
        d.numero().map(NumeroDossier::valeur).orElse(null),
        d.numero().map(NumeroDossier::affichage).orElse(null),
        d.depositaire(),
        d.demandeurNom().orElse(null),
        d.descriptionProjet().orElse(null),
        d.creeLe(),
        d.deposeLe().orElse(null),
        d.dateDepot().orElse(null),
        d.dateLimiteCompletude().orElse(null));
  }
}
