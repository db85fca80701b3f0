package fr.parcelle.infrastructure.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.support.MoteurDeTest;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instances started before the fiche (one variable per text shown) are converted in place: their
 * forms read the fiche from then on, nothing the process reads is touched.
 */
class FicheDossierTest {

  private final ProcessEngine moteur = MoteurDeTest.moteur();
  private final RuntimeService runtime = moteur.getRuntimeService();
  private String deploiement;

  @BeforeEach
  void deployer() {
    deploiement = MoteurDeTest.deployerInstruction(moteur, "fiche");
    // Instances other test classes left in this database are converted first, out of the count.
    while (FicheDossier.convertir(moteur, 1000) > 0) {
      // next batch
    }
  }

  @AfterEach
  void nettoyer() {
    moteur.getRepositoryService().deleteDeployment(deploiement, true);
  }

  @Test
  void les_instances_d_avant_la_fiche_sont_converties_une_fois_sans_toucher_a_l_horloge() {
    String a = demarrerCommeAvant("PC0353522700001", "PC 035 352 27 00001");
    String b = demarrerCommeAvant("PC0353522700002", "PC 035 352 27 00002");
    // One of them was further on: its proposal already had texts of its own.
    runtime.setVariable(b, "syntheseAvis", "ABF : favorable");
    runtime.setVariable(b, "decisionProposeeTexte", "Accord");
    Map<String, Object> horlogeAvant = runtime.getVariables(a, List.of("dateLimiteCompletude"));

    // A batch of one, then the rest, then nothing left.
    assertThat(FicheDossier.convertir(moteur, 1)).isEqualTo(1);
    assertThat(FicheDossier.convertir(moteur, 100)).isEqualTo(1);
    assertThat(FicheDossier.convertir(moteur, 100)).isZero();

    Object fiche = runtime.getVariable(a, FicheDossier.VARIABLE);
    assertThat(FicheDossier.champ(fiche, "numero")).isEqualTo("PC 035 352 27 00001");
    assertThat(FicheDossier.champ(fiche, "nature")).isEqualTo("Permis de construire");
    assertThat(FicheDossier.champ(fiche, "adresse")).isEqualTo("3 rue de la Gare");
    assertThat(FicheDossier.champ(fiche, "dateDecisionTacite")).isEqualTo("16 mars 2027");
    assertThat(FicheDossier.champ(fiche, "liensPieces")).contains("PCMI1");
    assertThat(FicheDossier.champ(fiche, "syntheseAvis")).isNull();
    // A list of choices stays a list (the form reads it by valuesExpression).
    assertThat(FicheDossier.champ(fiche, "piecesDuBordereau"))
        .isEqualTo("[{\"value\":\"PCMI1\",\"label\":\"PCMI1 – Plan de situation\"}]");
    Object ficheB = runtime.getVariable(b, FicheDossier.VARIABLE);
    assertThat(FicheDossier.champ(ficheB, "syntheseAvis")).isEqualTo("ABF : favorable");
    assertThat(FicheDossier.champ(ficheB, "decisionProposee")).isEqualTo("Accord");

    Map<String, Object> restantes = runtime.getVariables(a);
    assertThat(restantes.keySet())
        .doesNotContain(
            "numeroDossierAffiche",
            "libelleTypeDossier",
            "dateDecisionTaciteTexte",
            "liensPieces",
            "numeroDossier",
            "piecesJointes",
            "dateDecisionTacite",
            "piecesDuBordereau")
        // Searched by the Tasklist, and read by the process: kept.
        .contains(
            FicheDossier.ADRESSE,
            FicheDossier.DEMANDEURS,
            "groupeInstructeurs",
            "dateLimiteCompletude",
            "debutDecisionTacite");
    assertThat(runtime.getVariables(a, List.of("dateLimiteCompletude"))).isEqualTo(horlogeAvant);
  }

  @Test
  void une_fiche_deja_ecrite_n_est_pas_ecrasee_par_une_reprise() {
    String a = demarrerCommeAvant("PC0353522700003", "PC 035 352 27 00003");
    // A node stopped between the two writes: the fiche is there, the old texts too, and the
    // fiche has since been completed by a step.
    runtime.setVariable(
        a,
        FicheDossier.VARIABLE,
        FicheDossier.avec(null, Map.of("numero", "PC 035 352 27 00003", "delai", "2 mois")));
    runtime.setVariable(a, "delaiTexte", "ancien texte");

    assertThat(FicheDossier.convertir(moteur, 10)).isEqualTo(1);

    Object fiche = runtime.getVariable(a, FicheDossier.VARIABLE);
    assertThat(FicheDossier.champ(fiche, "delai")).isEqualTo("2 mois");
    assertThat(FicheDossier.champ(fiche, "commune")).isEqualTo("Vern-sur-Seiche (35352)");
    assertThat(runtime.getVariables(a).keySet()).doesNotContain("delaiTexte");
  }

  @Test
  void deux_noeuds_qui_convertissent_en_meme_temps_convertissent_chaque_instance_une_fois()
      throws Exception {
    int nombre = 3 * FicheDossier.PAR_TRANSACTION + 5;
    List<String> instances = new java.util.ArrayList<>();
    for (int i = 0; i < nombre; i++) {
      instances.add(demarrerCommeAvant("PC03535227" + (10_000 + i), "PC " + i));
    }
    java.util.concurrent.ExecutorService noeuds =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.CyclicBarrier ensemble = new java.util.concurrent.CyclicBarrier(2);
      java.util.concurrent.Callable<Integer> noeud =
          () -> {
            ensemble.await();
            int total = 0;
            for (int n = FicheDossier.convertir(moteur, 1000);
                n > 0;
                n = FicheDossier.convertir(moteur, 1000)) {
              total += n;
            }
            return total;
          };
      var a = noeuds.submit(noeud);
      var b = noeuds.submit(noeud);
      // Each instance counted by exactly one node, whoever won the races.
      assertThat(a.get() + b.get()).isEqualTo(nombre);
    } finally {
      noeuds.shutdownNow();
    }
    for (String instance : instances) {
      assertThat(runtime.getVariables(instance).keySet())
          .contains(FicheDossier.VARIABLE)
          .doesNotContain("numeroDossierAffiche");
    }
  }

  /** As {@code CamundaInstructionWorkflow.demarrer} started a dossier until 6 December 2026. */
  private String demarrerCommeAvant(String numero, String affiche) {
    Map<String, Object> v = new HashMap<>();
    v.put("numeroDossier", numero);
    v.put("numeroDossierAffiche", affiche);
    v.put("typeDossier", "PCMI");
    v.put("communeInsee", "35352");
    v.put("groupeInstructeurs", "instructeurs-rennes-metropole");
    v.put("groupeMaire", "maires-35352");
    Date dans30jours = Date.from(Instant.now().plusSeconds(30L * 86_400));
    v.put("dateDepot", new Date());
    v.put("dateLimiteCompletude", dans30jours);
    v.put("dateDecisionTacite", dans30jours);
    v.put("debutDecisionTacite", dans30jours);
    v.put("dateFinDelai", dans30jours);
    v.put("dateFinDelaiTexte", "15 mars 2027");
    v.put("libelleTypeDossier", "Permis de construire");
    v.put("communeNom", "Vern-sur-Seiche (35352)");
    v.put("demandeurs", "Claire Martin");
    v.put("adresseTerrain", "3 rue de la Gare");
    v.put("descriptionProjet", "Maison");
    v.put("piecesJointes", "PCMI1, PCMI2");
    v.put("dateDepotTexte", "15 janvier 2027");
    v.put("dateLimiteCompletudeTexte", "15 février 2027");
    v.put("dateDecisionTaciteTexte", "16 mars 2027");
    v.put("liensPieces", "- [PCMI1 – plan.pdf](/api/v1/dossiers/x/pieces/PCMI1)\n");
    v.put(
        "piecesDuBordereau",
        org.camunda.spin.plugin.variable.SpinValues.jsonValue(
                "[{\"value\":\"PCMI1\",\"label\":\"PCMI1 – Plan de situation\"}]")
            .create());
    return runtime
        .startProcessInstanceByKey(CamundaInstructionWorkflow.PROCESSUS, numero, v)
        .getId();
  }
}
