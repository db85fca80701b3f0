package fr.parcelle.infrastructure.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.support.MoteurDeTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A form opened during the upgrade, before the start-up thread reaches its instance, shows the
 * dossier: the engine converts that instance first ({@link FicheALaDemande}, installed on {@link
 * MoteurDeTest} as in Payara).
 */
class FicheALaDemandeTest {

  private static final String PROCESSUS = "fiche-a-la-demande";

  private final ProcessEngine moteur = MoteurDeTest.moteur();
  private final RuntimeService runtime = moteur.getRuntimeService();
  private String deploiement;

  @BeforeEach
  void deployer() {
    // One user task is all the interceptor needs: a task whose instance has the old layout.
    deploiement = MoteurDeTest.deployerTaches(moteur, PROCESSUS, "Tache_Formulaire");
    while (FicheDossier.convertir(moteur, 1000) > 0) {
      // instances other test classes left are converted first, out of the counts below
    }
  }

  @AfterEach
  void nettoyer() {
    moteur.getRepositoryService().deleteDeployment(deploiement, true);
  }

  @Test
  void un_formulaire_ouvert_avant_la_conversion_montre_le_dossier_et_l_instance_est_convertie() {
    String instance = demarrerCommeAvant("PC 035 352 27 00100");
    String tache = tache(instance);

    Map<String, Object> vues = moteur.getFormService().getTaskFormVariables(tache);

    Object fiche = vues.get(FicheDossier.VARIABLE);
    assertThat(fiche).as("la fiche lue par le formulaire").isNotNull();
    assertThat(FicheDossier.champ(fiche, "numero")).isEqualTo("PC 035 352 27 00100");
    assertThat(FicheDossier.champ(fiche, "commune")).isEqualTo("Vern-sur-Seiche (35352)");
    assertThat(vues).doesNotContainKey("numeroDossierAffiche");
    // Converted for good, in the database: the start-up thread has nothing left to do for it.
    assertThat(runtime.getVariables(instance)).doesNotContainKey("numeroDossierAffiche");
    assertThat(FicheDossier.convertir(moteur, 100)).isZero();
    // And the form reads the same again, without converting anything.
    Object relue = moteur.getFormService().getTaskFormVariables(tache).get(FicheDossier.VARIABLE);
    assertThat(FicheDossier.champ(relue, "numero")).isEqualTo("PC 035 352 27 00100");
  }

  @Test
  void une_instance_deja_convertie_n_est_pas_reecrite_a_l_ouverture_du_formulaire() {
    String instance = demarrerCommeAvant("PC 035 352 27 00101");
    assertThat(FicheDossier.convertir(moteur, 100)).isEqualTo(1);
    long revisionAvant = revisionDeLaFiche(instance);

    moteur.getFormService().getTaskFormVariables(tache(instance));

    assertThat(revisionDeLaFiche(instance)).isEqualTo(revisionAvant);
  }

  @Test
  void formulaires_ouverts_pendant_la_conversion_montrent_tous_le_dossier() throws Exception {
    int nombre = 2 * FicheDossier.PAR_TRANSACTION;
    List<String> taches = new ArrayList<>();
    for (int i = 0; i < nombre; i++) {
      taches.add(tache(demarrerCommeAvant("PC 035 352 27 " + (10_200 + i))));
    }
    ExecutorService fils = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier ensemble = new CyclicBarrier(2);
      // The start-up thread on one side, an instructor opening every form on the other.
      Callable<Integer> demarrage =
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
      Callable<List<String>> instructeur =
          () -> {
            ensemble.await();
            List<String> numeros = new ArrayList<>();
            for (String tache : taches) {
              Object fiche =
                  moteur.getFormService().getTaskFormVariables(tache).get(FicheDossier.VARIABLE);
              numeros.add(FicheDossier.champ(fiche, "numero"));
            }
            return numeros;
          };
      Future<Integer> converties = fils.submit(demarrage);
      Future<List<String>> vus = fils.submit(instructeur);
      assertThat(vus.get()).hasSize(nombre).doesNotContainNull();
      assertThat(converties.get()).isBetween(0, nombre);
    } finally {
      fils.shutdownNow();
    }
    for (String tache : taches) {
      String instance =
          moteur
              .getTaskService()
              .createTaskQuery()
              .taskId(tache)
              .singleResult()
              .getProcessInstanceId();
      assertThat(runtime.getVariables(instance))
          .containsKey(FicheDossier.VARIABLE)
          .doesNotContainKey("numeroDossierAffiche");
    }
  }

  private long revisionDeLaFiche(String instance) {
    return ((org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity)
            runtime
                .createVariableInstanceQuery()
                .processInstanceIdIn(instance)
                .variableName(FicheDossier.VARIABLE)
                .singleResult())
        .getRevision();
  }

  private String tache(String instance) {
    return moteur
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(instance)
        .singleResult()
        .getId();
  }

  /** The texts an instance held before 6 December 2026, a variable each. */
  private String demarrerCommeAvant(String affiche) {
    Map<String, Object> v = new HashMap<>();
    v.put("numeroDossier", affiche.replace(" ", ""));
    v.put("numeroDossierAffiche", affiche);
    v.put("libelleTypeDossier", "Permis de construire");
    v.put("communeNom", "Vern-sur-Seiche (35352)");
    v.put("adresseTerrain", "3 rue de la Gare");
    v.put("demandeurs", "Claire Martin");
    v.put("delaiTexte", "3 mois");
    return runtime.startProcessInstanceByKey(PROCESSUS, affiche.replace(" ", ""), v).getId();
  }
}
