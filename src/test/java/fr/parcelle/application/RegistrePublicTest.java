package fr.parcelle.application;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.infrastructure.referentiel.ReferentielFichiers;
import fr.parcelle.infrastructure.referentiel.ReferentielTerritoire;
import fr.parcelle.support.Demandes;
import fr.parcelle.support.DossiersEnMemoire;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The public register shows what the law makes public, and only that. */
class RegistrePublicTest {

  @Test
  void le_registre_montre_les_avis_de_depot_publies_sans_donnee_personnelle_de_contact() {
    ReferentielFichiers referentiel = new ReferentielFichiers();
    referentiel.charger();
    ReferentielTerritoire territoire = new ReferentielTerritoire();
    territoire.charger();
    DossiersEnMemoire dossiers = new DossiersEnMemoire();
    Dossier publie = depose(dossiers, referentiel, territoire, 1);
    publie.publierAvisDepot(LocalDate.of(2027, 1, 16), Instant.now());
    depose(dossiers, referentiel, territoire, 2); // avis not yet published

    RegistrePublic registre = new RegistrePublic(dossiers, territoire);

    var entrees = registre.registre("35352", 0).orElseThrow();
    assertThat(entrees).hasSize(1);
    RegistrePublic.Entree e = entrees.getFirst();
    assertThat(e.numero()).isEqualTo("PC 035 352 27 00001");
    assertThat(e.demandeurs()).isEqualTo("Claire Martin");
    assertThat(e.adresseTerrain()).contains("rue de la Seiche");
    assertThat(e.dateAvisDepot()).isEqualTo(LocalDate.of(2027, 1, 16));
    assertThat(e.decision()).isNull();
    assertThat(e.toString()).doesNotContain("@", "example.org");
    assertThat(registre.registre("99999", 0)).isEmpty();
  }

  private static Dossier depose(
      DossiersEnMemoire dossiers,
      ReferentielFichiers referentiel,
      ReferentielTerritoire territoire,
      int rang) {
    Dossier d =
        Dossier.brouillon(
            new ValidationDossier(territoire, referentiel).valider(Demandes.pcmi("35352")),
            "architecte",
            Instant.now());
    LocalDate jour = LocalDate.of(2027, 1, 15);
    d.deposer(
        NumeroDossier.attribuer("PC", "35352", 2027, rang, null),
        Instant.now(),
        jour,
        referentiel.caracteristiques(TypeDossier.PCMI, jour),
        CalendrierJuridique.parDefaut(),
        null);
    dossiers.ajouter(d);
    return d;
  }
}
