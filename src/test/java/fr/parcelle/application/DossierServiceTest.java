package fr.parcelle.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.application.securite.Role;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.StatutDossier;
import fr.parcelle.domain.port.InstructionWorkflow;
import fr.parcelle.infrastructure.referentiel.ReferentielTerritoire;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filing use cases and their access rules (A423-5: by function and by file), with the real
 * reference data and in-memory adapters of the two ports that need a database or an engine.
 */
class DossierServiceTest {

  private static final Clock HORLOGE =
      Clock.fixed(Instant.parse("2026-03-02T09:15:00Z"), ZoneId.of("Europe/Paris"));

  private static final Utilisateur ARCHITECTE =
      new Utilisateur("architecte", "Claire", Set.of(Role.DEMANDEUR), Set.of("demandeurs"));
  private static final Utilisateur AUTRE_DEMANDEUR =
      new Utilisateur("voisin", "Paul", Set.of(Role.DEMANDEUR), Set.of("demandeurs"));
  private static final Utilisateur INSTRUCTEUR =
      new Utilisateur(
          "instructeur", "Yann", Set.of(Role.INSTRUCTEUR), Set.of("instructeurs-rennes-metropole"));
  private static final Utilisateur INSTRUCTEUR_AILLEURS =
      new Utilisateur("brest", "Anne", Set.of(Role.INSTRUCTEUR), Set.of("instructeurs-brest"));
  private static final Utilisateur MAIRE_VERN =
      new Utilisateur("maire", "Maëlle", Set.of(Role.MAIRE), Set.of("maires-35352"));
  private static final Utilisateur MAIRE_RENNES =
      new Utilisateur("maire-rennes", "Nathalie", Set.of(Role.MAIRE), Set.of("maires-35238"));

  private final Dossiers dossiers = new Dossiers();
  private final Instruction instruction = new Instruction();
  private DossierService service;

  @BeforeEach
  void preparer() {
    ReferentielTerritoire territoire = new ReferentielTerritoire();
    territoire.charger();
    service = new DossierService(dossiers, territoire, instruction, HORLOGE);
  }

  private Dossier brouillonPcmi() {
    return service.creerBrouillon(
        ARCHITECTE, new NouveauDossier("PCMI", "35352", "Martin", "Maison de plain-pied"));
  }

  @Test
  void le_depot_numerote_dans_la_serie_de_la_commune_et_demarre_l_instruction() {
    Dossier d = brouillonPcmi();

    service.deposer(ARCHITECTE, d.id());

    assertThat(d.statut()).isEqualTo(StatutDossier.EN_INSTRUCTION);
    assertThat(d.numero().orElseThrow().affichage()).isEqualTo("PC 035 352 26 00001");
    assertThat(instruction.demarrages)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.numero()).isEqualTo(d.numero().orElseThrow());
              assertThat(x.groupeInstructeurs()).isEqualTo("instructeurs-rennes-metropole");
              assertThat(x.groupeMaire()).isEqualTo("maires-35352");
              assertThat(x.dateDepot()).isEqualTo(LocalDate.of(2026, 3, 2));
              assertThat(x.dateLimiteCompletude()).isEqualTo(LocalDate.of(2026, 4, 2));
            });
  }

  @Test
  void chaque_nature_et_chaque_commune_a_sa_propre_serie() {
    Dossier pc1 = brouillonPcmi();
    Dossier pc2 = brouillonPcmi();
    Dossier dp = service.creerBrouillon(ARCHITECTE, new NouveauDossier("DP", "35352", null, null));
    Dossier rennes =
        service.creerBrouillon(ARCHITECTE, new NouveauDossier("PC", "35238", null, null));

    for (Dossier d : List.of(pc1, pc2, dp, rennes)) {
      service.deposer(ARCHITECTE, d.id());
    }

    assertThat(pc1.numero().orElseThrow().affichage()).isEqualTo("PC 035 352 26 00001");
    assertThat(pc2.numero().orElseThrow().affichage()).isEqualTo("PC 035 352 26 00002");
    assertThat(dp.numero().orElseThrow().affichage()).isEqualTo("DP 035 352 26 00001");
    assertThat(rennes.numero().orElseThrow().affichage()).isEqualTo("PC 035 238 26 00001");
  }

  @Test
  void un_dossier_depose_ne_peut_pas_l_etre_une_seconde_fois() {
    Dossier d = brouillonPcmi();
    service.deposer(ARCHITECTE, d.id());

    assertThatThrownBy(() -> service.deposer(ARCHITECTE, d.id()))
        .isInstanceOf(OperationImpossibleException.class)
        .hasMessageContaining("PC 035 352 26 00001");
    assertThat(instruction.demarrages).hasSize(1);
  }

  @Test
  void les_donnees_invalides_sont_toutes_nommees() {
    assertThatThrownBy(
            () ->
                service.creerBrouillon(ARCHITECTE, new NouveauDossier("PCX", "99999", null, null)))
        .isInstanceOfSatisfying(
            DonneesInvalidesException.class,
            e ->
                assertThat(e.champs())
                    .extracting(DonneesInvalidesException.ChampInvalide::champ)
                    .containsExactly("type", "communeInsee"));
    assertThatThrownBy(
            () -> service.creerBrouillon(ARCHITECTE, new NouveauDossier(null, null, null, null)))
        .isInstanceOfSatisfying(
            DonneesInvalidesException.class, e -> assertThat(e.champs()).hasSize(2));
    assertThat(dossiers.parId.values()).isEmpty();
  }

  @Test
  void seul_un_demandeur_cree_un_dossier() {
    assertThatThrownBy(
            () ->
                service.creerBrouillon(INSTRUCTEUR, new NouveauDossier("DP", "35352", null, null)))
        .isInstanceOf(AccesRefuseException.class);
  }

  @Test
  void un_brouillon_n_est_visible_que_de_son_auteur() {
    Dossier d = brouillonPcmi();

    assertThat(service.consulter(ARCHITECTE, d.id())).isSameAs(d);
    for (Utilisateur autre : List.of(AUTRE_DEMANDEUR, INSTRUCTEUR, MAIRE_VERN)) {
      assertThatThrownBy(() -> service.consulter(autre, d.id()))
          .as(autre.login())
          .isInstanceOf(DossierIntrouvableException.class);
    }
  }

  @Test
  void un_dossier_depose_est_visible_du_service_instructeur_et_du_maire_de_la_commune_seulement() {
    Dossier d = brouillonPcmi();
    service.deposer(ARCHITECTE, d.id());

    assertThat(service.consulter(INSTRUCTEUR, d.id())).isSameAs(d);
    assertThat(service.consulter(MAIRE_VERN, d.id())).isSameAs(d);
    for (Utilisateur autre : List.of(AUTRE_DEMANDEUR, INSTRUCTEUR_AILLEURS, MAIRE_RENNES)) {
      assertThatThrownBy(() -> service.consulter(autre, d.id()))
          .as(autre.login())
          .isInstanceOf(DossierIntrouvableException.class);
    }
  }

  @Test
  void seul_l_auteur_depose_son_dossier() {
    Dossier d = brouillonPcmi();

    assertThatThrownBy(() -> service.deposer(AUTRE_DEMANDEUR, d.id()))
        .isInstanceOf(DossierIntrouvableException.class);
    assertThat(d.estBrouillon()).isTrue();
    assertThat(instruction.demarrages).isEmpty();
  }

  @Test
  void mes_dossiers_ne_liste_que_les_miens() {
    Dossier mien = brouillonPcmi();
    service.creerBrouillon(AUTRE_DEMANDEUR, new NouveauDossier("DP", "35352", null, null));

    assertThat(service.mesDossiers(ARCHITECTE)).containsExactly(mien);
  }

  /**
   * In-memory dossiers, with the sequence rule of the real table (per nature, commune and year).
   */
  static class Dossiers implements DossierRepository {
    final Map<UUID, Dossier> parId = new HashMap<>();
    final Map<String, Integer> sequences = new HashMap<>();

    @Override
    public void ajouter(Dossier dossier) {
      parId.put(dossier.id(), dossier);
    }

    @Override
    public Optional<Dossier> parId(UUID id) {
      return Optional.ofNullable(parId.get(id));
    }

    @Override
    public Optional<Dossier> parNumero(NumeroDossier numero) {
      return parId.values().stream()
          .filter(d -> d.numero().equals(Optional.of(numero)))
          .findFirst();
    }

    @Override
    public List<Dossier> duDepositaire(String login) {
      return parId.values().stream()
          .filter(d -> d.depositaire().equals(login))
          .sorted(Comparator.comparing(Dossier::creeLe).reversed())
          .toList();
    }

    @Override
    public int prochainRang(String nature, String communeInsee, int annee) {
      return sequences.merge(nature + communeInsee + annee, 1, Integer::sum);
    }
  }

  /** Records the starts the use case asks for. */
  static class Instruction implements InstructionWorkflow {
    final List<DemarrageInstruction> demarrages = new ArrayList<>();

    @Override
    public String demarrer(DemarrageInstruction demarrage) {
      demarrages.add(demarrage);
      return "instance-" + demarrages.size();
    }

    @Override
    public List<TacheInstruction> taches(NumeroDossier numero) {
      return List.of();
    }
  }
}
